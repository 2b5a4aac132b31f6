"""Bug: Semaphore and BoundedSemaphore check a negative initial value themselves, as
threading does, and raise ValueError; the real native semaphore leaves the check to the OS,
whose refusal reaches the caller as OSError (EINVAL), the error code written against it
catches."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def checked(value):
    if value < 0:
        raise ValueError("semaphore initial value must be >= 0")
    return value


def semaphore(ctx, value=1):
    return synchronize.Semaphore(checked(value), ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return synchronize.BoundedSemaphore(checked(value), ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_negative_initial_value_is_rejected": violated("other-error"),
}
