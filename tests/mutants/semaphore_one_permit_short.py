"""Bug: an off-by-one converting the count the other way: the Semaphore's OS semaphore starts
with one permit fewer than asked for (never below zero), so at most value - 1 processes get in
and a Semaphore(1) lets nobody in."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class StingySemaphore(synchronize.Semaphore):
    def __init__(self, value=1, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.SEMAPHORE, max(value - 1, 0),
                                     synchronize.SEM_VALUE_MAX, ctx=ctx)


def semaphore(ctx, value=1):
    return StingySemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore)
KILLS = {
    "test_semaphore.py::test_nonblocking_acquires_take_exactly_value": violated("differs"),
    "test_semaphore.py::test_at_most_value_holders_and_value_reached": violated("starved"),
}
