"""Bug: ProcessPoolExecutor.map() counts the chunks it sends with a floor division of the
number of items by chunksize, so a last, shorter chunk is never sent: its items are never
computed and their results are missing; the real map() sends every item, the last chunk
shorter when the items do not divide evenly."""

from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import _chain_from_iterable_of_lists, _process_chunk
from functools import partial

from tests.mutants.base import mutant, violated


class FloorChunksExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        items = list(zip(*iterables))
        count = len(items) // chunksize  # the bug: rounds down, the remainder is dropped
        chunks = [tuple(items[i * chunksize:(i + 1) * chunksize]) for i in range(count)]
        results = Executor.map(self, partial(_process_chunk, fn), chunks, timeout=timeout)
        return _chain_from_iterable_of_lists(results)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return FloorChunksExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    # Every example whose map() items do not divide by its chunksize shows it, the explicit
    # one (300 items, chunksize 7) included.
    "test_executor.py::test_submit_and_map_return_every_result_in_order":
        violated("wrong-results", "never-computed"),
}
