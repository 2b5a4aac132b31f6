"""Bug: Lock.acquire retries after a signal handler raises (treating it like EINTR), so a
SIGINT never interrupts a blocked acquire and Ctrl-C cannot stop a stuck child."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class UninterruptibleLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        acquire_once = self._semlock.acquire

        def acquire(block=True, timeout=None):
            while True:
                try:
                    return acquire_once(block, timeout)
                except KeyboardInterrupt:
                    continue

        self.acquire = acquire


def lock(ctx):
    return UninterruptibleLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_inheritance.py::test_sigint_interrupts_a_blocked_acquire": violated("not-interrupted"),
}
