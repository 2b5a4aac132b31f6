"""Bug: a negative timeout is read as threading's -1, "wait forever", so acquire blocks on a
held lock instead of returning False at once."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, timed_out


class ForeverLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        semlock_acquire = self._semlock.acquire

        def acquire(block=True, timeout=None):
            if timeout is not None and timeout < 0:
                timeout = None
            return semlock_acquire(block, timeout)

        self.acquire = acquire


def lock(ctx):
    return ForeverLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_negative_timeout_and_nonblocking_timeout":
        timed_out("Lock.acquire with a negative or ignored timeout"),
}
