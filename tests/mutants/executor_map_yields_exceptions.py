"""Bug: ProcessPoolExecutor.map()'s iterator catches the exception of each result it waits for
and yields it in that result's place, so a failing call does not end the iteration and a
result not there within the timeout comes out as its TimeoutError; the real iterator raises
the exception (TimeoutError included) and stops."""

import functools
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import _process_chunk

from tests.mutants.base import chunks, mutant, violated


class ForgivingExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        end = None if timeout is None else time.monotonic() + timeout
        submitted = [self.submit(functools.partial(_process_chunk, fn), chunk)
                     for chunk in chunks(*iterables, chunksize=chunksize)]

        def results():
            for future in submitted:
                try:
                    chunk = future.result(None if end is None else end - time.monotonic())
                except Exception as exc:  # the bug: yielded instead of raised
                    yield exc
                else:
                    yield from chunk

        return results()


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return ForgivingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_map_collects_everything_at_once_and_times_out_from_the_call":
        violated("not-timed-out"),
    "test_executor.py::test_task_exceptions_reach_the_caller_with_the_remote_traceback":
        violated("wrong-iteration"),
}
