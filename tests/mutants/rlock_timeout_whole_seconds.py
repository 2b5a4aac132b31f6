"""Bug: RLock.acquire(timeout=t) converts the timeout to whole seconds (the fraction, a
timespec's tv_nsec, is dropped), so a timed acquire of a lock another process holds gives up
at once for any timeout under a second, long before t.  The real acquire waits up to t,
fractions of a second included."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class WholeSecondsRLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        semlock = self._semlock

        def acquire(block=True, timeout=None):
            if timeout is not None:
                timeout = int(timeout)  # the bug: the fraction of a second is lost
            return semlock.acquire(block, timeout)

        self.acquire = acquire


def rlock(ctx):
    return WholeSecondsRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(RLock=rlock)
KILLS = {
    "test_rlock.py::test_held_until_released_once_per_acquire": violated("early"),
}
