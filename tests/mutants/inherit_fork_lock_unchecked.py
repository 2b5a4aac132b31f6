"""Bug: a Lock made in a fork context does not refuse to be pickled for a spawn or forkserver
child, whose copy then refers to a semaphore it cannot reach (the check CPython added in
3.11.5 is missing)."""

from multiprocessing import context, synchronize

from tests.mutants.base import mutant, violated


class UncheckedLock(synchronize.Lock):
    def __getstate__(self):
        context.assert_spawning(self)
        semlock = self._semlock
        return (semlock.handle, semlock.kind, semlock.maxvalue, semlock.name)


def lock(ctx):
    return UncheckedLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_inheritance.py::test_fork_context_lock_is_refused_by_spawning_children":
        violated("started"),
}
