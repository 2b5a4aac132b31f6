"""Bug: an exception from the action is swallowed and the parties are released as if the
action had succeeded."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class ForgivingActionBarrier(synchronize.Barrier):
    def _release(self):
        if self._action:
            try:
                self._action()
            except Exception:  # the bug: threading breaks the barrier and re-raises
                pass
        self._state = 1
        self._cond.notify_all()


def barrier(ctx, parties, action=None, timeout=None):
    return ForgivingActionBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_failing_action_breaks_the_barrier":
        violated("returned", "exception-lost", "not-reported-broken"),
}
