"""Bug: the broken property compares the barrier's state with the code of the resetting state
(-1) instead of that of the broken state (-2), so an aborted, timed-out or failed barrier
reports itself unbroken (threading's broken is ``self._state == -2``)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class MisreadBrokenBarrier(synchronize.Barrier):
    @property
    def broken(self):
        return self._state == -1  # the bug: -1 is resetting; broken is -2


def barrier(ctx, parties, action=None, timeout=None):
    return MisreadBrokenBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_abort_breaks_current_and_later_waiters":
        violated("not-reported-broken"),
    "test_barrier.py::test_wait_timeout_breaks_the_barrier_for_every_party":
        violated("not-reported-broken"),
    "test_barrier.py::test_failing_action_breaks_the_barrier": violated("not-reported-broken"),
    "test_barrier.py::test_n_waiting_and_broken_are_seen_from_other_processes":
        violated("break-unseen"),
}
