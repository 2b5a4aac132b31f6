"""Bug: imap() and imap_unordered() with a chunksize above 1 cut the items into chunks with the
grouper idiom ``zip(*[iter(items)] * chunksize)``, and zip stops at the shortest: a last chunk
shorter than chunksize is dropped, its items never computed and their results never yielded.
The real pool sends every item, the last chunk however short (Pool._get_tasks)."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


def grouped(iterable, size):
    return zip(*[iter(iterable)] * size)  # the bug: a short last chunk is dropped


class GrouperPool(pool.Pool):
    def imap(self, func, iterable, chunksize=1):
        if chunksize == 1:
            return super().imap(func, iterable)
        chunks = super().imap(pool.mapstar, ((func, chunk)
                                             for chunk in grouped(iterable, chunksize)))
        return (item for chunk in chunks for item in chunk)

    def imap_unordered(self, func, iterable, chunksize=1):
        if chunksize == 1:
            return super().imap_unordered(func, iterable)
        chunks = super().imap_unordered(pool.mapstar, ((func, chunk)
                                                       for chunk in grouped(iterable,
                                                                            chunksize)))
        return (item for chunk in chunks for item in chunk)


def make_pool(ctx, *args, **kwargs):
    return GrouperPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_map_calls_return_every_result_in_order":
        violated("missing", "never-computed"),
}
