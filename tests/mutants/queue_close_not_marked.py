"""Bug: close() stops the feeder but forgets to mark the queue closed, so put() and get() after
close() are accepted instead of raising ValueError."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


def close(self):
    close = self._close  # the bug: no ``self._closed = True``
    if close:
        self._close = None
        close()


class UnmarkedQueue(queues.Queue):
    close = close


class UnmarkedJoinableQueue(queues.JoinableQueue):
    close = close


def queue(ctx, maxsize=0):
    return UnmarkedQueue(maxsize, ctx=ctx.get_context())


def joinable_queue(ctx, maxsize=0):
    return UnmarkedJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue, JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_closed_queue_refuses_put_and_get": violated("returned"),
}
