"""Bug: task_done() ignores that the unfinished-task count is already zero instead of raising
ValueError."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class LenientJoinableQueue(queues.JoinableQueue):
    def task_done(self):
        with self._cond:
            self._unfinished_tasks.acquire(False)  # the bug: a failed acquire is ignored
            if self._unfinished_tasks._semlock._is_zero():
                self._cond.notify_all()


def joinable_queue(ctx, maxsize=0):
    return LenientJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_task_done_more_often_than_put_raises_value_error": violated("returned"),
}
