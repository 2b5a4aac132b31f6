"""Bug: a manager that has been shut down starts a fresh server when asked to create a shared
object ("self-healing"), instead of refusing: creating after ``shutdown()`` succeeds."""

from multiprocessing.managers import State, SyncManager

from tests.mutants.base import mutant, violated


class RestartingManager(SyncManager):
    def _create(self, typeid, *args, **kwds):
        if self._state.value == State.SHUTDOWN:
            self._state.value = State.INITIAL
            self._address = None  # a fresh server gets a fresh address
            self.start()
        return super()._create(typeid, *args, **kwds)


def manager(ctx):
    started = RestartingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_shutdown_stops_the_server": violated("returned"),
}
