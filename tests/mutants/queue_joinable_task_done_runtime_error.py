"""Bug: task_done() called more times than items were put raises RuntimeError (the type
threading uses for a lock released too often) instead of ValueError.  The real task_done()
raises ValueError("task_done() called too many times")."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class MisreportingJoinableQueue(queues.JoinableQueue):
    def task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise RuntimeError("task_done() called too many times")  # the bug
            if self._unfinished_tasks._semlock._is_zero():
                self._cond.notify_all()


def joinable_queue(ctx, maxsize=0):
    return MisreportingJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_task_done_more_often_than_put_raises_value_error":
        violated("raised-other"),
}
