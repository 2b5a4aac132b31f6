"""Bug: ``join()`` on the manager's Queue and JoinableQueue returns at once, whatever tasks are
unfinished."""

import queue

from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import mutant, violated


class EagerJoinQueue(queue.Queue):
    def join(self):
        return None


class EagerJoinManager(SyncManager):
    pass


EagerJoinManager.register("Queue", EagerJoinQueue, AutoProxy)
EagerJoinManager.register("JoinableQueue", EagerJoinQueue, AutoProxy)


def manager(ctx):
    started = EagerJoinManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_join_waits_until_every_item_is_done": violated("early"),
}
