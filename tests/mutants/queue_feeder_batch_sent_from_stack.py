"""Bug: the feeder thread moves everything buffered into a batch list and then sends the batch
with ``list.pop()``, which takes from the end: each batch of items put while the feeder was busy
goes out newest first.  (The close sentinel is still honoured only after the items buffered
before it.)  The real feeder sends the buffer in put order (``popleft``)."""

import collections
from multiprocessing import queues

from tests.mutants.base import mutant, violated


class BatchingBuffer(collections.deque):
    """The feeder's buffer; ``popleft`` is the feeder's only way of taking items."""

    def __init__(self):
        super().__init__()
        self.batch = []

    def __len__(self):
        return super().__len__() + len(self.batch)

    def popleft(self):
        if not self.batch:
            while super().__len__():
                self.batch.append(super().popleft())
            if self.batch and self.batch[-1] is queues._sentinel:
                self.batch.insert(0, self.batch.pop())  # so that it goes out last
        if not self.batch:
            raise IndexError("pop from an empty deque")
        return self.batch.pop()  # the bug: the batch's newest item first


class BatchingQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._buffer = BatchingBuffer()


def queue(ctx, maxsize=0):
    return BatchingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_child_exit_waits_until_its_items_are_flushed":
        violated("out-of-order"),
}
