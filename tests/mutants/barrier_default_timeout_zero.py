"""Bug: Barrier() defaults its timeout to 0 (meant as "no timeout") instead of None, and wait()
takes that default for a zero timeout: a party that is not the last to arrive gives up at once
and breaks the barrier for every party although nothing broke it (multiprocessing's Barrier()
defaults to timeout=None: wait() then blocks until the parties are all there)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def barrier(ctx, parties, action=None, timeout=0.0):  # the bug: the default is None
    return synchronize.Barrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_parties_release_together": violated("broken"),
    # Nothing is released, so the action never runs.
    "test_barrier.py::test_action_runs_once_before_release":
        violated("broken", "not-once-per-generation"),
    "test_barrier.py::test_wait_indices_are_a_permutation": violated("not-a-permutation"),
}
