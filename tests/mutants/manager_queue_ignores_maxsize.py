"""Bug: the manager's Queue ignores ``maxsize``: it is never full."""

import queue

from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import mutant, violated


class UnboundedQueue(queue.Queue):
    def __init__(self, maxsize=0):
        super().__init__()


class UnboundedManager(SyncManager):
    pass


UnboundedManager.register("Queue", UnboundedQueue, AutoProxy)


def manager(ctx):
    started = UnboundedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_raises_full_and_empty": violated("returned"),
}
