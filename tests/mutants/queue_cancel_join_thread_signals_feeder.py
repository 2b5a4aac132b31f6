"""Bug: cancel_join_thread() arranges for the process, at exit, to wake its feeder thread out of
a blocked write with SIGUSR2 (``signal.pthread_kill``), so that the feeder notices the
cancellation and gives up — but installs no handler for SIGUSR2, whose default action
terminates the whole process.  The child exits unflushed, as documented, but killed by the
signal (exit code -SIGUSR2) instead of with code 0.  The real cancel_join_thread() only stops
the exit from joining the (daemon) feeder thread, which dies with the process."""

import signal

from multiprocessing import queues, util

from tests.mutants.base import mutant, violated

WAKE_SIGNAL = getattr(signal, "SIGUSR2", None)  # POSIX only


def wake_feeder(thread):
    """At exit: interrupt the feeder thread's blocked write."""
    if WAKE_SIGNAL is not None and thread is not None and thread.is_alive():
        signal.pthread_kill(thread.ident, WAKE_SIGNAL)  # the bug: nothing handles it


class WakingQueue(queues.Queue):
    def cancel_join_thread(self):
        super().cancel_join_thread()
        util.Finalize(self, wake_feeder, args=(self._thread,), exitpriority=10)


def queue(ctx, maxsize=0):
    return WakingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_cancel_join_thread_lets_child_exit_unflushed": violated("exit-failed"),
}
