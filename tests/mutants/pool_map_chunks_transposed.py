"""Bug: map() with a chunksize flattens the chunks' results with the loops of a nested
comprehension swapped, so the results come position-within-chunk first."""

import functools
from multiprocessing import pool

from tests.mutants.base import mutant, violated


def run_chunk(func, chunk):
    return [func(item) for item in chunk]


class TransposingPool(pool.Pool):
    def map(self, func, iterable, chunksize=None):
        items = list(iterable)
        if not chunksize or chunksize < 2:
            return super().map(func, items, chunksize)
        chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        done = super().map(functools.partial(run_chunk, func), chunks, 1)
        return [chunk[i] for i in range(chunksize) for chunk in done if i < len(chunk)]


def make_pool(ctx, *args, **kwargs):
    return TransposingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_map_calls_return_every_result_in_order": violated("out-of-order"),
}
