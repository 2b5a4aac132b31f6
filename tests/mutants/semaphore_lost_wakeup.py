"""Bug: a Semaphore kept as a counter in shared memory under a Condition, whose release()
increments the counter but forgets to notify: a process already blocked in acquire() is never
woken (one arriving after the release still finds the permit)."""

from tests.mutants.base import mutant, timed_out


class ForgetfulSemaphore:
    def __init__(self, value, ctx):
        self._cond = ctx.Condition(ctx.Lock())
        self._count = ctx.RawValue("i", value)

    def _available(self):
        return self._count.value > 0

    def acquire(self, block=True, timeout=None):
        with self._cond:
            if not block:
                got = self._available()
            else:
                got = self._cond.wait_for(self._available, timeout)
            if got:
                self._count.value -= 1
            return got

    def release(self):
        with self._cond:
            self._count.value += 1  # the bug: no self._cond.notify()

    def get_value(self):
        return self._count.value

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()


def semaphore(ctx, value=1):
    return ForgetfulSemaphore(value, ctx)


get_context, get_all_start_methods = mutant(Semaphore=semaphore)
KILLS = {
    "test_semaphore.py::test_each_release_lets_one_waiter_in":
        timed_out("Semaphore.acquire after release()"),
}
