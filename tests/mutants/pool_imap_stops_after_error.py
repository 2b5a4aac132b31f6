"""Bug: imap()'s iterator ends for good once an item has raised, dropping the results after
it."""

import multiprocessing
from multiprocessing import pool

from tests.mutants.base import mutant, violated


class StoppingIterator:
    def __init__(self, results):
        self._results = results
        self._failed = False

    def __iter__(self):
        return self

    def next(self, timeout=None):
        if self._failed:
            raise StopIteration
        try:
            return self._results.next(timeout)
        except (StopIteration, multiprocessing.TimeoutError):
            raise
        except Exception:
            self._failed = True  # the bug
            raise

    __next__ = next


class StoppingPool(pool.Pool):
    def imap(self, func, iterable, chunksize=1):
        return StoppingIterator(super().imap(func, iterable, chunksize))


def make_pool(ctx, *args, **kwargs):
    return StoppingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_imap_times_out_and_goes_on_after_a_failing_item":
        violated("stopped-after-error"),
}
