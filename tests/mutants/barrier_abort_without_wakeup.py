"""Bug: abort() marks the barrier broken but forgets to notify, so parties already blocked in
wait() sleep on; only later callers of wait() see the break."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, timed_out


class SilentAbortBarrier(synchronize.Barrier):
    def abort(self):
        with self._cond:
            self._state = -2  # the bug: threading's _break() also calls notify_all()


def barrier(ctx, parties, action=None, timeout=None):
    return SilentAbortBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_abort_breaks_current_and_later_waiters":
        timed_out("Barrier.wait after abort()"),
}
