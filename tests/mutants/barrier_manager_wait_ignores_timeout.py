"""Bug: the manager's Barrier proxy drops wait()'s timeout on the way to the server, so a timed
wait() through the proxy blocks until the other parties come."""

import threading

from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, timed_out

PROVIDER = "manager"


class TimeoutlessBarrierProxy(BarrierProxy):
    def wait(self, timeout=None):
        return self._callmethod("wait")  # the bug: the timeout is not passed on


class TimeoutlessManager(SyncManager):
    pass


TimeoutlessManager.register("Barrier", threading.Barrier, TimeoutlessBarrierProxy)


def manager(ctx):
    started = TimeoutlessManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_wait_timeout_breaks_the_barrier_for_every_party":
        timed_out("Barrier.wait after another party's wait timed out"),
}
