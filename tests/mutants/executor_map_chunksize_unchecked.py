"""Bug: ProcessPoolExecutor.map() does not check its chunksize: with chunksize=0 it cuts the
iterables into empty chunks, takes the first for the end of the input and returns an iterator
over no results; the real map() raises ValueError for a chunksize below 1."""

from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import _chain_from_iterable_of_lists, _process_chunk
from functools import partial

from tests.mutants.base import chunks, mutant, violated


class UncheckedChunksExecutor(ProcessPoolExecutor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):
        # the bug: no check that chunksize >= 1
        results = Executor.map(self, partial(_process_chunk, fn),
                               chunks(*iterables, chunksize=chunksize), timeout=timeout)
        return _chain_from_iterable_of_lists(results)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return UncheckedChunksExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_submit_and_map_return_every_result_in_order": violated("returned"),
}
