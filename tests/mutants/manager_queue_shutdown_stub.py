"""Bug: on Pythons whose ``queue.Queue`` has no ``shutdown()`` (before 3.13), the Queue proxy
has a stub ``shutdown`` property raising NotImplementedError to explain the version needed, so
looking the attribute up (``hasattr`` included) raises NotImplementedError.  The real proxy has
no such attribute there: looking it up raises AttributeError.  From 3.13 on the proxy is the real
one (the invariant passes)."""

import queue
import sys
from multiprocessing.managers import MakeProxyType, SyncManager

from tests.mutants.base import ALL, mutant, violated

QUEUE_METHODS = ("empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize",
                 "task_done")
HAS_SHUTDOWN = hasattr(queue.Queue, "shutdown")
BaseQueueProxy = MakeProxyType("BaseQueueProxy",
                               QUEUE_METHODS + (("shutdown",) if HAS_SHUTDOWN else ()))


class StubbedQueueProxy(BaseQueueProxy):
    if not HAS_SHUTDOWN:
        @property
        def shutdown(self):  # the bug: an attribute that raises something else than AttributeError
            raise NotImplementedError("Queue.shutdown() needs Python 3.13 or later")


class StubbedManager(SyncManager):
    pass


StubbedManager.register("Queue", queue.Queue, StubbedQueueProxy)


def manager(ctx):
    started = StubbedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_shutdown":
        violated("raised-other", under=ALL if sys.version_info < (3, 13) else ()),
}
