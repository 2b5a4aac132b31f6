"""Bug: the Queue proxy's ``put()`` first reserves a slot in the server's queue (so that a full
queue blocks the putter before a large item travels), then sends the item to fill it — and
when sending the item fails (it cannot be pickled), the reserved slot is not released: the
refused ``put()`` raises, but the queue counts one item more.  The real ``put()`` pickles the
whole request before anything reaches the server."""

import itertools
import queue

from multiprocessing.managers import MakeProxyType, SyncManager

from tests.mutants.base import mutant, violated


class Slot:
    item = None  # until filled


class ReservingQueue(queue.Queue):
    def __init__(self, maxsize=0):
        super().__init__(maxsize)
        self._tokens = itertools.count()
        self._reserved = {}

    def reserve(self, block=True, timeout=None):
        slot = Slot()
        self.put(slot, block, timeout)
        token = next(self._tokens)
        self._reserved[token] = slot
        return token

    def fill(self, token, item):
        self._reserved.pop(token).item = item

    def _get(self):
        return self.queue.popleft().item


BaseReservingQueueProxy = MakeProxyType("BaseReservingQueueProxy", (
    "empty", "full", "get", "get_nowait", "join", "qsize", "task_done", "reserve", "fill"))


class ReservingQueueProxy(BaseReservingQueueProxy):
    def put(self, item, block=True, timeout=None):
        token = self._callmethod("reserve", (block, timeout))
        self._callmethod("fill", (token, item))

    def put_nowait(self, item):
        return self.put(item, False)


class ReservingManager(SyncManager):
    pass


ReservingManager.register("Queue", ReservingQueue, ReservingQueueProxy)


def manager(ctx):
    started = ReservingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_put_completes_in_the_server":
        violated("refused-counted"),
}
