"""Bug: ``Manager()`` returns a manager that is not started yet; it starts its server on the
first call that creates a shared object, so until then it has no address and no process."""

from multiprocessing.managers import State, SyncManager

from tests.mutants.base import mutant, violated


class LazyManager(SyncManager):
    def _create(self, typeid, *args, **kwds):
        if self._state.value == State.INITIAL:
            self.start()
        return super()._create(typeid, *args, **kwds)


def manager(ctx):
    return LazyManager(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_manager_returns_a_started_manager": violated("not-started"),
}
