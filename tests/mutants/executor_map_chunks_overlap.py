"""Bug: ProcessPoolExecutor.map() cuts its items into chunks that start every chunksize items
but end one item later (an inclusive end), so the first item of each chunk after the first is
also sent at the end of the chunk before it: computed twice, its result given twice; the real
map() cuts chunks that do not overlap."""

from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import _chain_from_iterable_of_lists, _process_chunk
from functools import partial

from tests.mutants.base import mutant, violated


class OverlappingChunksExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        items = list(zip(*iterables))
        chunks = [tuple(items[start:start + chunksize + 1])  # the bug: one item too many
                  for start in range(0, len(items), chunksize)]
        results = Executor.map(self, partial(_process_chunk, fn), chunks, timeout=timeout)
        return _chain_from_iterable_of_lists(results)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return OverlappingChunksExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    # Every example whose map() sends more than one chunk shows it, the explicit one (300
    # items, chunksize 7) included.
    "test_executor.py::test_submit_and_map_return_every_result_in_order":
        violated("wrong-results", "computed-twice"),
}
