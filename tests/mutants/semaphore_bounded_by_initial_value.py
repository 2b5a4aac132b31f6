"""Bug: Semaphore is built like BoundedSemaphore (its maximum is the initial value), so a
release beyond the initial value raises ValueError instead of adding a permit."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class CappedSemaphore(synchronize.Semaphore):
    def __init__(self, value=1, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.SEMAPHORE, value, value, ctx=ctx)


def semaphore(ctx, value=1):
    return CappedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore)
KILLS = {
    "test_semaphore.py::test_semaphore_release_raises_the_count_beyond_its_initial_value":
        violated("differs"),
    "test_semaphore.py::test_get_value_reports_the_count": violated("differs"),
}
