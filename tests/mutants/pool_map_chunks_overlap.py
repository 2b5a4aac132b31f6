"""Bug: map() cuts the items into chunks with an off-by-one slice end (``items[start:end + 1]``
where ``end = start + chunksize`` is already exclusive), so each chunk also takes the first item
of the next: those items are computed twice and their results come twice.  The real pool sends
each item in exactly one chunk."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class OverlappingChunksPool(pool.Pool):
    def map(self, func, iterable, chunksize=None):
        items = list(iterable)
        if not items:
            return []
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            chunksize += bool(extra)
        chunks = []
        for start in range(0, len(items), chunksize):
            end = start + chunksize
            chunks.append((func, items[start:end + 1]))  # the bug: end is already exclusive
        done = super().map(pool.mapstar, chunks, 1)
        return [result for chunk in done for result in chunk]


def make_pool(ctx, *args, **kwargs):
    return OverlappingChunksPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_map_calls_return_every_result_in_order":
        violated("extra", "computed-twice"),
}
