"""Bug: ``Manager()`` returns a facade that delegates to the SyncManager it wraps, and the
facade's ``__enter__`` returns what the wrapped manager's ``__enter__`` returns — the wrapped
manager — so ``with manager as m`` binds ``m`` to another object than ``manager``.  The real
``BaseManager.__enter__`` returns ``self``."""

from multiprocessing.managers import SyncManager

from tests.mutants.base import mutant, violated


class ManagerFacade:
    def __init__(self, wrapped):
        self._wrapped = wrapped

    def __getattr__(self, name):
        return getattr(self._wrapped, name)

    def __enter__(self):
        return self._wrapped.__enter__()

    def __exit__(self, *exc_info):
        return self._wrapped.__exit__(*exc_info)


def manager(ctx):
    started = SyncManager(ctx=ctx.get_context())
    started.start()
    return ManagerFacade(started)


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_leaving_the_with_block_shuts_the_manager_down":
        violated("not-itself"),
}
