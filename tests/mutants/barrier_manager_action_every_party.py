"""Bug: the manager's Barrier (a threading.Barrier in the server process) runs the action in
every party as it is released, instead of in one party once."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class EveryPartyActionBarrier(threading.Barrier):
    def wait(self, timeout=None):
        index = super().wait(timeout)
        if self._action and index != self._parties - 1:  # the releasing party already ran it
            self._action()
        return index


class EveryPartyActionManager(SyncManager):
    pass


EveryPartyActionManager.register("Barrier", EveryPartyActionBarrier, BarrierProxy)


def manager(ctx):
    started = EveryPartyActionManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_action_runs_once_before_release":
        violated("not-once-before-release", "not-once-per-generation"),
}
