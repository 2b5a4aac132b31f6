"""Bug: the dict proxy has no ``__deepcopy__`` (here BaseProxy's is hidden), so
``copy.deepcopy(proxy)`` falls back to the proxy's ``__reduce__`` — the one pickling uses — and
returns another proxy of the same dict.  The real BaseProxy's ``__deepcopy__`` returns
``_getvalue()``: a plain copy of the referent."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated


class NoDeepcopyDictProxy(DictProxy):
    __deepcopy__ = None  # copy.deepcopy treats None as absent


class NoDeepcopyManager(SyncManager):
    pass


NoDeepcopyManager.register("dict", dict, NoDeepcopyDictProxy)


def manager(ctx):
    started = NoDeepcopyManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_deepcopy_copies_the_value_but_pickling_keeps_the_referent":
        violated("deepcopy-not-plain"),
}
