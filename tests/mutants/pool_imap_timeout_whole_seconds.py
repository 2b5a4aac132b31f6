"""Bug: ``IMapIterator.next(timeout)`` rounds its timeout down to whole seconds (``int(timeout)``,
as an API that takes integral seconds wants), so a timeout under a second does not wait at all:
next(0.05) raises TimeoutError at once.  The real next(timeout) waits up to ``timeout`` seconds
for the next result."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class WholeSecondsIterator(pool.IMapIterator):
    def next(self, timeout=None):
        return super().next(None if timeout is None else int(timeout))  # the bug

    __next__ = next


class WholeSecondsPool(pool.Pool):
    def imap(self, *args, **kwargs):
        steps = super().imap(*args, **kwargs)
        if type(steps) is pool.IMapIterator:  # chunksize 1: the iterator that takes a timeout
            steps.__class__ = WholeSecondsIterator
        return steps


def make_pool(ctx, *args, **kwargs):
    return WholeSecondsPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_imap_times_out_and_goes_on_after_a_failing_item": violated("early"),
}
