"""Bug: a process's exit waits for its queue's feeder to flush with a bound, and tests what
Thread.join(timeout) returned to tell a flush from a timeout, as if it were Event.wait():
Thread.join() always returns None, so every exit that waited for a feeder is taken for a failed
flush and ends with exit code 1 — after the items were flushed.  The real exit joins the feeder
and exits with code 0 (a bounded join must check ``thread.is_alive()`` afterwards)."""

import os
import weakref
from multiprocessing import queues
from multiprocessing.util import Finalize

from tests.mutants.base import mutant, violated

FLUSH_TIMEOUT = 300.0


class BoundedFlushQueue(queues.Queue):
    def _start_thread(self):
        super()._start_thread()
        if self._jointhread is not None:  # the exit-time join, replaced by a bounded one
            self._jointhread.cancel()
            self._jointhread = Finalize(self._thread, BoundedFlushQueue._finalize_join,
                                        [weakref.ref(self._thread)], exitpriority=-5)

    @staticmethod
    def _finalize_join(twr):
        thread = twr()
        if thread is not None and not thread.join(FLUSH_TIMEOUT):  # the bug: always None
            # Ends the process with code 1 (from 3.13 the exit-time finalizers run from atexit,
            # which would only print a SystemExit raised here).
            os.write(2, b"the queue's feeder thread did not flush its items in time\n")
            os._exit(1)


def queue(ctx, maxsize=0):
    return BoundedFlushQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_child_exit_waits_until_its_items_are_flushed":
        violated("exit-failed"),
}
