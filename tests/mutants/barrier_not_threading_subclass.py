"""Bug: the Barrier is a class of its own that wraps the shared-memory barrier and forwards
every call to it, instead of subclassing threading.Barrier, so
``isinstance(barrier, threading.Barrier)`` is False (multiprocessing's Barrier is a
threading.Barrier subclass: "a clone of threading.Barrier")."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class Barrier:  # the bug: not a threading.Barrier subclass
    def __init__(self, parties, action=None, timeout=None, *, ctx):
        self._barrier = synchronize.Barrier(parties, action, timeout, ctx=ctx)

    def wait(self, timeout=None):
        return self._barrier.wait(timeout)

    def reset(self):
        self._barrier.reset()

    def abort(self):
        self._barrier.abort()

    @property
    def parties(self):
        return self._barrier.parties

    @property
    def n_waiting(self):
        return self._barrier.n_waiting

    @property
    def broken(self):
        return self._barrier.broken


def barrier(ctx, parties, action=None, timeout=None):
    return Barrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    "test_barrier.py::test_n_waiting_and_broken_are_seen_from_other_processes":
        violated("not-threading-barrier"),
}
