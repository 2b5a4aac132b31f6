"""Bug: close() only marks the queue closed: it does not tell the feeder thread to finish (the
sentinel is left to the finalizer that runs when the queue is collected or the process exits),
so join_thread() after close() waits for a feeder that is still waiting for items.  The real
close() sends the sentinel at once: the feeder flushes what is buffered and ends."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


def close(self):
    self._closed = True  # the bug: no ``self._close()``, which wakes the feeder with the sentinel


class LingeringQueue(queues.Queue):
    close = close


class LingeringJoinableQueue(queues.JoinableQueue):
    close = close


def queue(ctx, maxsize=0):
    return LingeringQueue(maxsize, ctx=ctx.get_context())


def joinable_queue(ctx, maxsize=0):
    return LingeringJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue, JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_closed_queue_refuses_put_and_get": violated("blocked"),
}
