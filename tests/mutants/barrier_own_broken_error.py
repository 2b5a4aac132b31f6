"""Bug: the implementation raises its own BrokenBarrierError class (a RuntimeError, but not
threading.BrokenBarrierError), so ``except threading.BrokenBarrierError`` misses it."""

import threading

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class BrokenBarrierError(RuntimeError):
    """The drop-in's own exception, unrelated to threading's."""


class OwnErrorBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        try:
            return super().wait(timeout)
        except threading.BrokenBarrierError as exc:
            raise BrokenBarrierError(*exc.args) from None


def barrier(ctx, parties, action=None, timeout=None):
    return OwnErrorBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
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
