"""Bug: n_waiting counts only the parties waiting in this process (a per-process attribute),
not those of every process sharing the barrier."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class LocalCountBarrier(synchronize.Barrier):
    def __setstate__(self, state):
        super().__setstate__(state)
        self._waiting_here = 0  # the bug: kept in process memory, not in the shared array

    def wait(self, timeout=None):
        self._waiting_here += 1
        try:
            return super().wait(timeout)
        finally:
            self._waiting_here -= 1

    @property
    def n_waiting(self):
        return self._waiting_here if self._state == 0 else 0


def barrier(ctx, parties, action=None, timeout=None):
    return LocalCountBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_n_waiting_and_broken_are_seen_from_other_processes":
        violated("miscounted", "unseen-elsewhere"),
}
