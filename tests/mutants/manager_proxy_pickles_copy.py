"""Bug: a dict proxy pickles as a copy of its referent's value, so a proxy sent to another
process, stored in another container proxy or unpickled is a detached plain dict."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated


class CopyingDictProxy(DictProxy):
    def __reduce__(self):
        return (dict, (self._getvalue(),))


class CopyingManager(SyncManager):
    pass


CopyingManager.register("dict", dict, CopyingDictProxy)


def manager(ctx):
    started = CopyingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_nested_proxies_are_references": violated("detached"),
    "test_proxies.py::test_deepcopy_copies_the_value_but_pickling_keeps_the_referent":
        violated("unpickled-detached"),
    "test_proxies.py::test_proxies_sent_to_other_processes_keep_their_referent":
        violated("detached"),
}
