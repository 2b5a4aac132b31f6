"""Bug: the Queue proxy holds each item back after ``put()`` — it pickles the item at once, so
that an unpicklable one still raises from ``put()``, but sends it to the server only with the
next ``put()`` (or from a timer a few seconds later), to save round trips.  So right after
``put()`` returns the item is not in the queue yet: ``empty()`` is True and ``qsize()`` does
not count it.  The real proxy's ``put()`` returns once the server has put the item."""

import queue
import threading

from multiprocessing.managers import MakeProxyType, SyncManager
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated

FLUSH_AFTER = 5.0  # seconds

BaseQueueProxy = MakeProxyType("BaseQueueProxy", (
    "empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize", "task_done"))


class HoldingQueueProxy(BaseQueueProxy):
    def _holding(self):
        return self.__dict__.setdefault("_hold_lock", threading.Lock())

    def put(self, item, block=True, timeout=None):
        with self._holding():
            self._send_held()
            ForkingPickler.dumps(item)  # what cannot be pickled is refused here, at once
            self.__dict__["_held"] = (item, block, timeout)
        flusher = threading.Timer(FLUSH_AFTER, self._flush)
        flusher.daemon = True
        flusher.start()

    def _send_held(self):
        held = self.__dict__.pop("_held", None)
        if held is not None:
            self._callmethod("put", held)

    def _flush(self):
        with self._holding():
            self._send_held()


class HoldingManager(SyncManager):
    pass


HoldingManager.register("Queue", queue.Queue, HoldingQueueProxy)


def manager(ctx):
    started = HoldingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_put_completes_in_the_server":
        violated("not-yet-there"),
}
