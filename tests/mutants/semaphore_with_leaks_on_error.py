"""Bug: leaving a ``with`` block releases the semaphore only when the block completed normally,
so a block that raises keeps its permit for good."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class LeakOnError:
    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            self.release()


class LeakOnErrorSemaphore(LeakOnError, synchronize.Semaphore):
    pass


class LeakOnErrorBoundedSemaphore(LeakOnError, synchronize.BoundedSemaphore):
    pass


def semaphore(ctx, value=1):
    return LeakOnErrorSemaphore(value, ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return LeakOnErrorBoundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_with_statement_takes_and_returns_one_permit": violated("differs"),
}
