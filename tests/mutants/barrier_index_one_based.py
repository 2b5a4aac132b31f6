"""Bug: wait() returns the arrival count including the caller (1..parties) instead of the
index 0..parties-1."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class OneBasedBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            self._count += 1
            index = self._count  # the bug: threading reads the count before counting itself
            try:
                if index == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()


def barrier(ctx, parties, action=None, timeout=None):
    return OneBasedBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_single_party_barrier_releases_its_caller_at_once":
        violated("not-released"),
    "test_barrier.py::test_wait_indices_are_a_permutation": violated("not-a-permutation"),
}
