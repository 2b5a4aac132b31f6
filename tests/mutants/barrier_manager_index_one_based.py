"""Bug: the manager's Barrier (a threading.Barrier in the server process) returns the arrival
count including the caller (1..parties) from wait() instead of the index 0..parties-1."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class OneBasedBarrier(threading.Barrier):
    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            self._count += 1
            index = self._count  # the bug: threading reads the count before counting itself
            try:
                if index == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()


class OneBasedManager(SyncManager):
    pass


OneBasedManager.register("Barrier", OneBasedBarrier, BarrierProxy)


def manager(ctx):
    started = OneBasedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_wait_indices_are_a_permutation": violated("not-a-permutation"),
    "test_barrier.py::test_single_party_barrier_releases_its_caller_at_once":
        violated("not-released"),
}
