"""Bug: get_value() is emulated (as on a platform without sem_getvalue) by counting this
process's own acquires and releases, so changes made by other processes are not reflected."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class LocallyCounted:
    def __init__(self, value=1, *, ctx):
        super().__init__(value, ctx=ctx)
        self._local_count = value

    def _make_methods(self):
        super()._make_methods()
        semlock_acquire, semlock_release = self._semlock.acquire, self._semlock.release

        def acquire(block=True, timeout=None):
            got = semlock_acquire(block, timeout)
            if got:
                self._local_count -= 1
            return got

        def release():
            semlock_release()
            self._local_count += 1

        self.acquire, self.release = acquire, release

    def get_value(self):
        return self._local_count

    def __getstate__(self):
        return super().__getstate__(), self._local_count

    def __setstate__(self, state):
        semlock_state, self._local_count = state
        super().__setstate__(semlock_state)


class LocallyCountedSemaphore(LocallyCounted, synchronize.Semaphore):
    pass


class LocallyCountedBoundedSemaphore(LocallyCounted, synchronize.BoundedSemaphore):
    pass


def semaphore(ctx, value=1):
    return LocallyCountedSemaphore(value, ctx=ctx.get_context())


def bounded_semaphore(ctx, value=1):
    return LocallyCountedBoundedSemaphore(value, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Semaphore=semaphore,
                                            BoundedSemaphore=bounded_semaphore)
KILLS = {
    "test_semaphore.py::test_get_value_reports_the_count": violated("differs"),
}
