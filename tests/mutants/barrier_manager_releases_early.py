"""Bug: off-by-one in the release test of the manager's Barrier (a threading.Barrier in the
server process): it releases the parties when one is still missing."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class EarlyBarrier(threading.Barrier):
    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 2 >= self._parties:  # the bug: threading has index + 1 == parties
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()


class EarlyManager(SyncManager):
    pass


EarlyManager.register("Barrier", EarlyBarrier, BarrierProxy)


def manager(ctx):
    started = EarlyManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_parties_release_together": violated("early"),
}
