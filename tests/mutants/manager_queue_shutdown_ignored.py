"""Bug: the manager's Queue has a ``shutdown()`` that does nothing (before Python 3.13, where
``queue.Queue`` has none, it adds one)."""

import queue

from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import mutant, violated


class NoShutdownQueue(queue.Queue):
    def shutdown(self, immediate=False):
        return None


class NoShutdownManager(SyncManager):
    pass


NoShutdownManager.register("Queue", NoShutdownQueue, AutoProxy)


def manager(ctx):
    started = NoShutdownManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_shutdown": violated("returned"),
}
