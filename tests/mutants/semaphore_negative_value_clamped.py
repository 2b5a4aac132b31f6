"""Bug: a negative initial value is clamped to zero instead of being refused, so
``Semaphore(-1)`` quietly makes a semaphore nobody can acquire."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def semaphore(ctx, value=1):
    return synchronize.Semaphore(max(value, 0), ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return synchronize.BoundedSemaphore(max(value, 0), ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_negative_initial_value_is_rejected": violated("accepted"),
}
