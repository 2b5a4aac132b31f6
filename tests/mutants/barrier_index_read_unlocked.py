"""Bug: wait() reads its index from the shared arrival count before taking the barrier's lock,
so parties arriving together can get the same index."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class UnlockedIndexBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        index = self._count  # the bug: read before holding the condition's lock
        with self._cond:
            self._enter()
            arrived = self._count
            self._count += 1
            try:
                if arrived + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()


def barrier(ctx, parties, action=None, timeout=None):
    return UnlockedIndexBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_wait_indices_are_a_permutation": violated("not-a-permutation"),
}
