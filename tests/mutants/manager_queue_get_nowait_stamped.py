"""Bug: the manager's Queue stamps each item with the time it was put (to report the age of
the oldest item), and its ``get_nowait()`` — a fast path that skips ``get()``'s waiting —
returns the stamped entry ``(time, item)`` instead of the item.  The real ``get_nowait()`` is
``get(False)`` and returns the item."""

import queue
import time

from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import ALL, mutant, violated

# The shutdown invariant gets an item after shutdown() only where queue.Queue has shutdown()
# (Python 3.13+); before, it checks only that the proxy has no shutdown, and passes.
SHUTDOWN_UNDER = ALL if hasattr(queue.Queue, "shutdown") else ()


class StampedQueue(queue.Queue):
    def _put(self, item):
        self.queue.append((time.monotonic(), item))

    def _get(self):
        return self.queue.popleft()[1]

    def oldest_age(self):
        with self.mutex:
            return time.monotonic() - self.queue[0][0] if self.queue else 0.0

    def get_nowait(self):
        with self.not_empty:
            if not self._qsize():
                if getattr(self, "is_shutdown", False):
                    raise queue.ShutDown
                raise queue.Empty
            entry = self.queue.popleft()
            self.not_full.notify()
            return entry


class StampedManager(SyncManager):
    pass


StampedManager.register("Queue", StampedQueue, AutoProxy)


def manager(ctx):
    started = StampedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_raises_full_and_empty": violated("otherwise"),
    "test_manager_containers.py::test_queue_proxy_shutdown":
        violated("otherwise", under=SHUTDOWN_UNDER),
}
