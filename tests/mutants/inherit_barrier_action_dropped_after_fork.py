"""Bug: a Barrier registers an after-fork hook that drops its action in a forked child (the
hook treats the action as a callback of the parent, as hooks that reset thread state do), so a
fork child that passes the barrier last never runs it, picklable or not.  The real Barrier's
action is inherited by a fork child with the rest of the object; spawn and forkserver children,
which rebuild the barrier from its pickled state (action included), are unaffected."""

from multiprocessing import synchronize, util

from tests.mutants.base import mutant, violated


class ActionlessAfterFork(synchronize.Barrier):
    def __init__(self, parties, action=None, timeout=None, *, ctx):
        super().__init__(parties, action, timeout, ctx=ctx)
        util.register_after_fork(self, ActionlessAfterFork._after_fork)

    def _after_fork(self):
        self._action = None


def barrier(ctx, parties, action=None, timeout=None):
    return ActionlessAfterFork(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_inheritance.py::test_barrier_action_travels_with_the_barrier":
        violated("action-lost", "not-inherited", under=("fork",)),
}
