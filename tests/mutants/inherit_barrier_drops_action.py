"""Bug: a Barrier leaves its action out of its pickled state, so a spawn or forkserver child's
barrier has no action (and an unpicklable action is silently accepted); fork children, which
inherit the object itself, are unaffected."""

from multiprocessing import synchronize

from tests.mutants.base import SPAWNING, mutant, violated


class ActionlessWhenPickled(synchronize.Barrier):
    def __getstate__(self):
        return (self._parties, None, self._timeout, self._cond, self._wrapper)


def barrier(ctx, parties, action=None, timeout=None):
    return ActionlessWhenPickled(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_inheritance.py::test_barrier_action_travels_with_the_barrier":
        violated("action-lost", "started", under=SPAWNING),
}
