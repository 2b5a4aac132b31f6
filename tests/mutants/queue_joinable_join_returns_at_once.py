"""Bug: JoinableQueue.join() tests the unfinished-task count with the wrong sense and returns
at once while tasks are pending."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class ImpatientJoinableQueue(queues.JoinableQueue):
    def join(self):
        with self._cond:
            if self._unfinished_tasks._semlock._is_zero():  # the bug: ``not`` lost
                self._cond.wait()


def joinable_queue(ctx, maxsize=0):
    return ImpatientJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_join_returns_only_after_every_task_done": violated("early"),
}
