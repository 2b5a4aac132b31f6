"""Bug: ProcessPoolExecutor.map() collects its iterables, counts the chunks it will send by
dividing their length by chunksize and cuts them by index, without checking chunksize first:
map(chunksize=0) raises ZeroDivisionError where the real map() raises ValueError."""

from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import _chain_from_iterable_of_lists, _process_chunk
from functools import partial

from tests.mutants.base import mutant, violated


class DividingExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        items = list(zip(*iterables))
        count = -(-len(items) // chunksize)  # the bug: chunksize is never checked
        chunks = [tuple(items[i * chunksize:(i + 1) * chunksize]) for i in range(count)]
        results = Executor.map(self, partial(_process_chunk, fn), chunks, timeout=timeout)
        return _chain_from_iterable_of_lists(results)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return DividingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_submit_and_map_return_every_result_in_order":
        violated("raised-other"),
}
