"""Bug: the feeder thread takes the newest buffered item first (``pop`` for ``popleft``), so
items put faster than they are fed go out in reverse order.  (Closing still works: the close
sentinel is honoured only once the buffer is otherwise empty.)"""

import collections
from multiprocessing import queues

from tests.mutants.base import mutant, violated


class LifoBuffer(collections.deque):
    def popleft(self):
        if self[-1] is queues._sentinel and len(self) > 1:
            return super().popleft()
        return self.pop()  # the bug


class LifoQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._buffer = LifoBuffer()


def queue(ctx, maxsize=0):
    return LifoQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_every_item_arrives_once_in_its_producers_order":
        violated("out-of-order", also=("lost",)),
}
