"""Bug: ProcessPoolExecutor.map() submits each call only once the previous result has been
consumed, instead of collecting its iterables and submitting everything at once."""

import time
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class LazyExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        end = None if timeout is None else time.monotonic() + timeout

        def results():
            for args in zip(*iterables):  # the bug: submitted one at a time, lazily
                future = self.submit(fn, *args)
                yield future.result(None if end is None else max(0.0, end - time.monotonic()))

        return results()


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return LazyExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_map_collects_everything_at_once_and_times_out_from_the_call":
        violated("lazy"),
}
