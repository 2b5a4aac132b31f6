"""Bug: the manager's queue keeps an item until ``task_done()`` finishes it (so that an item whose
consumer dies unfinished is not lost), but ``get()`` does not mark the head item as handed out:
it stays at the head, and every ``get()`` until the next ``task_done()`` returns that same item,
while ``task_done()`` removes the head — so consumers that take several items before finishing
them take one item several times and never see others.  The real ``get()`` (``queue.Queue``)
removes the item it returns; ``task_done()`` only counts it finished."""

import queue
from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import mutant, violated


class AcknowledgedQueue(queue.Queue):
    def _get(self):
        return self.queue[0]  # the bug: left at the head, not set aside as handed out

    def task_done(self):
        with self.mutex:
            if self.queue:
                self.queue.popleft()  # finished: it leaves the queue now
                self.not_full.notify()
        super().task_done()


class AcknowledgingManager(SyncManager):
    pass


AcknowledgingManager.register("Queue", AcknowledgedQueue, AutoProxy)
AcknowledgingManager.register("JoinableQueue", AcknowledgedQueue, AutoProxy)


def manager(ctx):
    started = AcknowledgingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_join_waits_until_every_item_is_done":
        violated("lost-or-duplicated"),
}
