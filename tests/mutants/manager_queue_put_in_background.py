"""Bug: the Queue proxy's ``put`` hands the item to a background thread that sends it to the
server (as ``multiprocessing.Queue``'s feeder does), so ``put`` returns before the item is in
the queue and pickling errors never reach the caller."""

import queue
import threading

from multiprocessing.managers import MakeProxyType, SyncManager

from tests.mutants.base import mutant, violated

BaseQueueProxy = MakeProxyType("BaseQueueProxy", (
    "empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize", "task_done"))


class FeederQueueProxy(BaseQueueProxy):
    def put(self, item, block=True, timeout=None):
        threading.Thread(target=self._feed, args=(item, block, timeout), daemon=True).start()

    def _feed(self, item, block, timeout):
        # The feeder drops what it cannot send.  (A traceback printed from this thread while
        # pytest formatted the failure it causes crashed a self-test session on CPython 3.11.7:
        # "SystemError: AST constructor recursion depth mismatch", gh-106905.)
        try:
            self._callmethod("put", (item, block, timeout))
        except Exception:
            pass


class FeederManager(SyncManager):
    pass


FeederManager.register("Queue", queue.Queue, FeederQueueProxy)


def manager(ctx):
    started = FeederManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_put_completes_in_the_server":
        violated("returned"),
    "test_manager_containers.py::test_queue_proxy_raises_full_and_empty": violated("returned"),
}
