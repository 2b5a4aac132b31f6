"""Bug: imap()'s iterator raises a failed item's exception without taking the item off its
queue (it peeks, and pops only successful items), so from the first failing item on every
next() raises that exception again: later values, timeouts and the end never come.  The real
IMapIterator.next() pops each item, then returns its value or raises its exception."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class PeekingIMapIterator(pool.IMapIterator):
    def next(self, timeout=None):
        with self._cond:
            if not self._items:
                if self._index == self._length:
                    self._pool = None
                    raise StopIteration
                self._cond.wait(timeout)
                if not self._items:
                    if self._index == self._length:
                        self._pool = None
                        raise StopIteration
                    raise pool.TimeoutError
            success, value = self._items[0]
            if success:
                self._items.popleft()  # the bug: only here
                return value
        raise value

    __next__ = next


class PeekingPool(pool.Pool):
    def imap(self, *args, **kwargs):
        result = super().imap(*args, **kwargs)
        if type(result) is pool.IMapIterator:  # chunksize 1: the iterator itself
            result.__class__ = PeekingIMapIterator
        return result


def make_pool(ctx, *args, **kwargs):
    return PeekingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_imap_times_out_and_goes_on_after_a_failing_item":
        violated("wrong-value", "not-timed-out", "not-exhausted"),
}
