"""Bug: put() checks that the queue is not closed with an ``assert``, as Python 3.7's Queue did,
so put() and put_nowait() after close() raise AssertionError.  The real put() raises ValueError
(since Python 3.8, as the docs say)."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class AssertingPut:
    def put(self, obj, block=True, timeout=None):
        assert not self._closed, f"Queue {self!r} has been closed"  # the bug: AssertionError
        super().put(obj, block, timeout)


class AssertingQueue(AssertingPut, queues.Queue):
    pass


class AssertingJoinableQueue(AssertingPut, queues.JoinableQueue):
    pass


def queue(ctx, maxsize=0):
    return AssertingQueue(maxsize, ctx=ctx.get_context())


def joinable_queue(ctx, maxsize=0):
    return AssertingJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue, JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_closed_queue_refuses_put_and_get": violated("raised-other"),
}
