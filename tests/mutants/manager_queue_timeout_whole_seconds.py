"""Bug: the Queue proxy sends the timeout of ``put()`` and ``get()`` as whole seconds
(``int(timeout)``), so a timeout below one second becomes 0 and a timed call on a full or empty
queue raises ``queue.Full``/``queue.Empty`` at once.  The real proxy forwards the timeout as
given, and the queue waits that long first."""

import queue
from multiprocessing.managers import MakeProxyType, SyncManager

from tests.mutants.base import mutant, violated

QUEUE_METHODS = ("empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize",
                 "task_done")
BaseQueueProxy = MakeProxyType("BaseQueueProxy", QUEUE_METHODS)


def whole_seconds(timeout):
    return None if timeout is None else int(timeout)  # the bug: truncated


class WholeSecondsQueueProxy(BaseQueueProxy):
    def put(self, item, block=True, timeout=None):
        return self._callmethod("put", (item, block, whole_seconds(timeout)))

    def get(self, block=True, timeout=None):
        return self._callmethod("get", (block, whole_seconds(timeout)))


class WholeSecondsManager(SyncManager):
    pass


WholeSecondsManager.register("Queue", queue.Queue, WholeSecondsQueueProxy)


def manager(ctx):
    started = WholeSecondsManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_raises_full_and_empty": violated("early"),
}
