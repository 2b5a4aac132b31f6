"""Bug: the Barrier's pickled state omits its default timeout, so in a spawned child wait()
without a timeout blocks for ever instead of timing out."""

from multiprocessing import synchronize

from tests.mutants.base import SPAWNING, mutant, timed_out


class ForgetfulBarrier(synchronize.Barrier):
    def __getstate__(self):
        parties, action, _, cond, wrapper = super().__getstate__()
        return parties, action, None, cond, wrapper  # the bug: the timeout is not sent


def barrier(ctx, parties, action=None, timeout=None):
    return ForgetfulBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_wait_timeout_breaks_the_barrier_for_every_party":
        timed_out("Barrier.wait after another party's wait timed out", under=SPAWNING),
}
