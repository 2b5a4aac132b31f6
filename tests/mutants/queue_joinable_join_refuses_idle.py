"""Bug: JoinableQueue.join() copies task_done()'s check and raises ValueError when no task is
unfinished, instead of returning at once."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class IdleRefusingJoinableQueue(queues.JoinableQueue):
    def join(self):
        with self._cond:
            if self._unfinished_tasks._semlock._is_zero():  # the bug: nothing to wait for
                raise ValueError("join() called with no unfinished task")
            while not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()


def joinable_queue(ctx, maxsize=0):
    return IdleRefusingJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_join_with_no_unfinished_task_returns": violated("raised"),
}
