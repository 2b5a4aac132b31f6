"""Bug: every party runs the action on its way out of wait(), once released, instead of one
party running it once before the release (threading runs it in _release(), before it releases
anybody, and breaks the barrier if it raises); an action that raises thus reaches every party,
and the barrier is left unbroken."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class LeavingPartiesActionBarrier(synchronize.Barrier):
    def _release(self):
        self._state = 1  # the bug: the action is not run here ...
        self._cond.notify_all()

    def wait(self, timeout=None):
        index = super().wait(timeout)
        if self._action:
            self._action()  # ... but by every party once released
        return index


def barrier(ctx, parties, action=None, timeout=None):
    return LeavingPartiesActionBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_failing_action_breaks_the_barrier":
        violated("exception-repeated", "not-reported-broken"),
    "test_barrier.py::test_action_runs_once_before_release":
        violated("not-once-before-release", "not-once-per-generation"),
}
