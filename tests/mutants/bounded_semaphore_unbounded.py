"""Bug: BoundedSemaphore forgets its bound (it is created with the Semaphore's maximum), so
releasing beyond the initial value silently adds permits."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class UnboundedSemaphore(synchronize.BoundedSemaphore):
    def __init__(self, value=1, *, ctx):
        synchronize.SemLock.__init__(self, synchronize.SEMAPHORE, value,
                                     synchronize.SEM_VALUE_MAX, ctx=ctx)


def bounded_semaphore(ctx, value=1):
    return UnboundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_bounded_semaphore_default_bound_is_one": violated("differs"),
    "test_semaphore.py::test_bounded_semaphore_refuses_release_beyond_its_value":
        violated("differs"),
}
