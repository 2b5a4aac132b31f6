"""Bug: the manager exposes every method of a dict referent, private ones included, to
``_callmethod``."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated

EVERYTHING = tuple(name for name in dir(dict) if callable(getattr(dict, name)))


class ExposingManager(SyncManager):
    pass


ExposingManager.register("dict", dict, DictProxy, exposed=EVERYTHING)


def manager(ctx):
    started = ExposingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_unexposed_methods_raise_remote_error": violated("returned"),
}
