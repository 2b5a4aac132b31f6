"""Bug: JoinableQueue.join() waits for a notification before looking at the unfinished-task
count, so with no task pending nobody ever wakes it."""

from multiprocessing import queues

from tests.mutants.base import mutant, timed_out


class DoWhileJoinableQueue(queues.JoinableQueue):
    def join(self):
        with self._cond:
            self._cond.wait()  # the bug: waits first, checks after
            while not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()


def joinable_queue(ctx, maxsize=0):
    return DoWhileJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_join_with_no_unfinished_task_returns":
        timed_out("JoinableQueue.join with no unfinished task"),
}
