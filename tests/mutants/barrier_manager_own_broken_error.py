"""Bug: the manager's Barrier (a threading.Barrier in the server process) raises an exception
class of its own (a RuntimeError, but not threading.BrokenBarrierError), which the proxy passes
on, so ``except threading.BrokenBarrierError`` misses it."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class BrokenBarrierError(RuntimeError):
    """The server's own exception, unrelated to threading's."""


class OwnErrorBarrier(threading.Barrier):
    def wait(self, timeout=None):
        try:
            return super().wait(timeout)
        except threading.BrokenBarrierError as exc:
            raise BrokenBarrierError(*exc.args) from None


class OwnErrorManager(SyncManager):
    pass


OwnErrorManager.register("Barrier", OwnErrorBarrier, BarrierProxy)


def manager(ctx):
    started = OwnErrorManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_broken_barrier_raises_threadings_broken_barrier_error":
        violated("raised-other"),
    "test_barrier.py::test_abort_breaks_current_and_later_waiters": violated("other-exception"),
    "test_barrier.py::test_wait_timeout_breaks_the_barrier_for_every_party":
        violated("other-exception"),
    "test_barrier.py::test_reset_breaks_current_waiters_then_barrier_is_reusable":
        violated("other-exception"),
    "test_barrier.py::test_n_waiting_and_broken_are_seen_from_other_processes":
        violated("other-exception"),
    "test_barrier.py::test_failing_action_breaks_the_barrier": violated("other-exception"),
}
