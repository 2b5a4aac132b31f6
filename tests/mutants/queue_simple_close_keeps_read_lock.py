"""Bug: SimpleQueue.close() takes the read lock, so as not to close the pipe under a reader, and
keeps it "to keep readers out" of the closed pipe: a later get() waits for the lock forever.
The real close() closes both pipe ends without any lock, and a later get() raises OSError."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class LockingSimpleQueue(queues.SimpleQueue):
    def close(self):
        self._rlock.acquire()  # the bug: never released
        super().close()


def simple_queue(ctx):
    return LockingSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_unusable_after_close": violated("blocked"),
}
