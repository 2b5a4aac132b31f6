"""Bug: nobody joins the (daemon) feeder thread at process exit, so a child exits with its
buffered items unflushed, as if cancel_join_thread() had been called."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class UnjoinedQueue(queues.Queue):
    def _start_thread(self):
        super()._start_thread()
        if self._jointhread is not None:  # the bug: the exit-time join is never registered
            self._jointhread.cancel()
            self._jointhread = None


def queue(ctx, maxsize=0):
    return UnjoinedQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_child_exit_waits_until_its_items_are_flushed":
        violated("exited", also=("lost",)),
}
