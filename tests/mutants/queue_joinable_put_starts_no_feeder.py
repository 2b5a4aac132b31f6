"""Bug: JoinableQueue.put() — rewritten to count the unfinished task — leaves out Queue.put's
"start the feeder thread if there is none": items put on a JoinableQueue wait in its buffer and
never reach the pipe, so even the process that put them cannot get them.  The real put()
starts the feeder thread on the first put."""

from multiprocessing import queues
from queue import Full

from tests.mutants.base import mutant, violated


class FeederlessJoinableQueue(queues.JoinableQueue):
    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if not self._sem.acquire(block, timeout):
            raise Full
        with self._notempty, self._cond:
            # the bug: no "if self._thread is None: self._start_thread()"
            self._buffer.append(obj)
            self._unfinished_tasks.release()
            self._notempty.notify()


def joinable_queue(ctx, maxsize=0):
    return FeederlessJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_join_with_no_unfinished_task_returns": violated("starved"),
}
