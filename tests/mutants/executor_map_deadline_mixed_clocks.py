"""Bug: ProcessPoolExecutor.map() takes its deadline on the monotonic clock but its iterator
computes the time left with time.time(), a clock with another origin: the time left comes out
negative, and next() raises TimeoutError at once however long the timeout; the real iterator
waits until timeout seconds after the map() call, both times on the monotonic clock."""

import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import _chain_from_iterable_of_lists, _process_chunk
from functools import partial

from tests.mutants.base import chunks, mutant, violated


def result_or_cancel(future, timeout=None):
    try:
        return future.result(timeout)
    finally:
        future.cancel()


class MixedClocksExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        if timeout is not None:
            end_time = timeout + time.monotonic()
        fs = [self.submit(partial(_process_chunk, fn), chunk)
              for chunk in chunks(*iterables, chunksize=chunksize)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield result_or_cancel(fs.pop())
                    else:  # the bug: time.time() against a monotonic deadline
                        yield result_or_cancel(fs.pop(), end_time - time.time())
            finally:
                for future in fs:
                    future.cancel()

        return _chain_from_iterable_of_lists(result_iterator())


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return MixedClocksExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_map_collects_everything_at_once_and_times_out_from_the_call":
        violated("early"),
}
