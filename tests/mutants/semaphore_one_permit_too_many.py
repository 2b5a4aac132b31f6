"""Bug: an off-by-one converting the count: the Semaphore's OS semaphore starts with one permit
more than asked for, so value + 1 processes get in."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class GenerousSemaphore(synchronize.Semaphore):
    def __init__(self, value=1, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.SEMAPHORE, value + 1,
                                     synchronize.SEM_VALUE_MAX, ctx=ctx)


def semaphore(ctx, value=1):
    return GenerousSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore)
KILLS = {
    "test_semaphore.py::test_nonblocking_acquires_take_exactly_value": violated("differs"),
    "test_semaphore.py::test_at_most_value_holders_and_value_reached": violated("over-value"),
    "test_semaphore.py::test_permits_held_elsewhere_are_refused": violated("granted"),
    "test_semaphore.py::test_semaphore_release_raises_the_count_beyond_its_initial_value":
        violated("differs"),
}
