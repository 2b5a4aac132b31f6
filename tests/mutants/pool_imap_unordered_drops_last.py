"""Bug: imap_unordered() holds each result back until the next one arrives, and forgets the one
it holds when the results run out."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class HoldingBackPool(pool.Pool):
    def imap_unordered(self, func, iterable, chunksize=1):
        results = super().imap_unordered(func, iterable, chunksize)
        return held_back(results)


def held_back(results):
    held = None
    for index, result in enumerate(results):
        if index:
            yield held
        held = result  # the bug: the last one held is never yielded


def make_pool(ctx, *args, **kwargs):
    return HoldingBackPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_map_calls_return_every_result_in_order": violated("missing"),
}
