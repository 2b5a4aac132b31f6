"""Bug: off-by-one in the release test — the barrier releases when one party is still missing."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class EarlyBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 2 >= self._parties:  # the bug: threading has index + 1 == parties
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()


def barrier(ctx, parties, action=None, timeout=None):
    return EarlyBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_parties_release_together": violated("early"),
}
