"""Bug: cancel_join_thread() only sets a flag the feeder thread never reads; the exit-time join
stays registered, so the process still waits to flush its buffered items."""

from multiprocessing import queues

from tests.mutants.base import mutant, timed_out


class StubbornQueue(queues.Queue):
    def cancel_join_thread(self):
        self._joincancelled = True  # the bug: the registered join is not cancelled


def queue(ctx, maxsize=0):
    return StubbornQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_cancel_join_thread_lets_child_exit_unflushed":
        timed_out("process exit after cancel_join_thread(), its item unflushed"),
}
