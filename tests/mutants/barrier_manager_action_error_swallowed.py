"""Bug: an exception from the action of the manager's Barrier (a threading.Barrier in the server
process) is swallowed and the parties are released as if the action had succeeded."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class ForgivingActionBarrier(threading.Barrier):
    def _release(self):
        if self._action:
            try:
                self._action()
            except Exception:  # the bug: threading breaks the barrier and re-raises
                pass
        self._state = 1
        self._cond.notify_all()


class ForgivingActionManager(SyncManager):
    pass


ForgivingActionManager.register("Barrier", ForgivingActionBarrier, BarrierProxy)


def manager(ctx):
    started = ForgivingActionManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_failing_action_breaks_the_barrier":
        violated("returned", "exception-lost", "not-reported-broken"),
}
