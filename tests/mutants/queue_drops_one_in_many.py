"""Bug: the feeder's buffer loses every fifth item appended to it, so one put in five is never
sent (put() returns normally, the item never arrives)."""

import collections
from multiprocessing import queues

from tests.mutants.base import mutant, violated


class LossyBuffer(collections.deque):
    appended = 0

    def append(self, obj):
        self.appended += 1
        if obj is not queues._sentinel and self.appended % 5 == 0:
            return  # the bug: dropped on the floor
        super().append(obj)


class LossyQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._buffer = LossyBuffer()


def queue(ctx, maxsize=0):
    return LossyQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_every_item_arrives_once_in_its_producers_order":
        violated("lost", "refused"),
    "test_queue.py::test_qsize_counts_items_put_and_not_yet_got": violated("lost"),
}
