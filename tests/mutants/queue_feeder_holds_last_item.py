"""Bug: the feeder thread batches its writes: it takes an item from its buffer only once another
item (or the close sentinel) is behind it, to write them together, and has no timer to flush a
lone item, so the last item put stays in the putting process until the queue is closed (or that
process exits).  The real feeder sends every buffered item as soon as it can."""

import collections
from multiprocessing import queues

from tests.mutants.base import mutant, violated


class PairingBuffer(collections.deque):
    def _held(self):
        """1 while the newest item waits for a partner, else 0."""
        size = super().__len__()
        return int(size > 0 and self[size - 1] is not queues._sentinel)  # not [-1]: len()

    def __len__(self):  # what the feeder sees as ready to take
        return super().__len__() - self._held()

    def popleft(self):
        if super().__len__() == self._held():  # the bug: a lone item is kept back
            raise IndexError("pop from an empty deque")
        return super().popleft()


class PairingQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._buffer = PairingBuffer()


def queue(ctx, maxsize=0):
    return PairingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_item_arrives_as_it_was_at_put_or_later": violated("lost"),
}
