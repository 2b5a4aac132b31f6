"""Bug: the manager's dict counts its writes (a version that proxies could compare to know a
cached copy is stale) in the dict itself, under a reserved key, so a copy of the dict holds a
key nobody wrote.  The real manager's dict holds exactly the items written to it."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated

VERSION_KEY = "__version__"


class VersionedDict(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        # the bug: the bookkeeping belongs in an attribute, not among the items
        super().__setitem__(VERSION_KEY, self.get(VERSION_KEY, 0) + 1)


class VersionedManager(SyncManager):
    pass


VersionedManager.register("dict", VersionedDict, DictProxy)


def manager(ctx):
    started = VersionedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_dict.py::test_every_workers_write_is_reflected": violated("invented"),
}
