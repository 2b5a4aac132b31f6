"""Bug: every party runs the action as it is released, instead of one party once."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class EveryPartyActionBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        index = super().wait(timeout)
        if self._action and index != self._parties - 1:  # the releasing party already ran it
            self._action()
        return index


def barrier(ctx, parties, action=None, timeout=None):
    return EveryPartyActionBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_action_runs_once_before_release":
        violated("not-once-before-release", "not-once-per-generation"),
}
