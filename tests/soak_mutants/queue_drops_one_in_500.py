"""Bug: the feeder's buffer loses an item now and then — one append in 500 on average, at
random — so a rare put() returns normally and its item never arrives."""

import collections
import random
from multiprocessing import queues

from tests.mutants.base import mutant, violated

RATE = 1 / 500


class RarelyLossyBuffer(collections.deque):
    def append(self, obj):
        if obj is not queues._sentinel and random.random() < RATE:
            return  # the bug: dropped on the floor
        super().append(obj)


class RarelyLossyQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._buffer = RarelyLossyBuffer()


def queue(ctx, maxsize=0):
    return RarelyLossyQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
# What soaking must find (tests/test_soak.py); a lost item that held a bounded queue's slot
# leaves the producers' later puts refused.
KILLS = {
    "test_queue.py::test_every_item_arrives_once_in_its_producers_order":
        violated("lost", "refused"),
}
