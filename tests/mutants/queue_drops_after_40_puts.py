"""Bug: the feeder's buffer grows in blocks of 40 items and the item appended at a block's
boundary is lost: the 40th put of each process (and every 40th after it) never arrives,
although put() returned normally.  A lost item also keeps its slot of a bounded Queue, so
later puts there are refused."""

import collections
from multiprocessing import queues

from tests.mutants.base import mutant, violated

BLOCK = 40


class BlockBuffer(collections.deque):
    appended = 0

    def append(self, obj):
        self.appended += 1
        if obj is not queues._sentinel and self.appended % BLOCK == 0:
            return  # the bug: the boundary item is dropped while the buffer grows
        super().append(obj)


class BlockBufferQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._buffer = BlockBuffer()


def queue(ctx, maxsize=0):
    return BlockBufferQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_every_item_arrives_once_in_its_producers_order":
        violated("lost", "refused"),
    "test_queue.py::test_child_exit_waits_until_its_items_are_flushed": violated("lost"),
}
