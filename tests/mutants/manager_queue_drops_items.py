"""Bug: the manager's queue loses every fourth item put into it (``put`` returns normally)."""

import queue

from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import mutant, violated


class DroppingQueue(queue.Queue):
    def _put(self, item):
        self.puts = getattr(self, "puts", 0) + 1
        if self.puts % 4:
            super()._put(item)


class DroppingManager(SyncManager):
    pass


DroppingManager.register("Queue", DroppingQueue, AutoProxy)
DroppingManager.register("JoinableQueue", DroppingQueue, AutoProxy)


def manager(ctx):
    started = DroppingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_operations_are_linearizable":
        violated("not-linearizable"),
    "test_manager_containers.py::test_joinable_queue_operations_are_linearizable":
        violated("not-linearizable"),
}
