"""Bug: the manager's queues ignore surplus ``task_done()`` calls instead of raising ValueError."""

import queue

from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import mutant, violated


class LenientQueue(queue.Queue):
    def task_done(self):
        with self.all_tasks_done:
            if self.unfinished_tasks > 0:
                self.unfinished_tasks -= 1
            if self.unfinished_tasks == 0:
                self.all_tasks_done.notify_all()


class LenientManager(SyncManager):
    pass


LenientManager.register("Queue", LenientQueue, AutoProxy)
LenientManager.register("JoinableQueue", LenientQueue, AutoProxy)


def manager(ctx):
    started = LenientManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_task_done_called_too_often_raises_value_error":
        violated("returned"),
}
