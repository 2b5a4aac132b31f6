"""Bug: ProcessPoolExecutor.map() with a chunksize flattens the chunks' results with the loops
of a nested comprehension swapped, so the results come position-within-chunk first."""

import functools
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


def run_chunk(fn, chunk):
    return [fn(*args) for args in chunk]


class TransposingExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 2:
            return super().map(fn, *iterables, timeout=timeout, chunksize=chunksize)
        items = list(zip(*iterables))
        chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        done = list(super().map(functools.partial(run_chunk, fn), chunks, timeout=timeout))
        return iter([chunk[i] for i in range(chunksize) for chunk in done if i < len(chunk)])


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return TransposingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_submit_and_map_return_every_result_in_order":
        violated("out-of-order"),
}
