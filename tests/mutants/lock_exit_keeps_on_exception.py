"""Bug: ``__exit__`` releases only when the ``with`` block ends normally, so a block left by an
exception leaves the Lock (or one RLock level) held."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def exit_normally_only(self, exc_type, exc, tb):
    if exc_type is None:
        return self._semlock.__exit__(exc_type, exc, tb)
    return None


class LeakyLock(synchronize.Lock):
    __exit__ = exit_normally_only


class LeakyRLock(synchronize.RLock):
    __exit__ = exit_normally_only


def lock(ctx):
    return LeakyLock(ctx=ctx.get_context())


def rlock(ctx):
    return LeakyRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_with_statement_acquires_and_releases": violated("held-after"),
    "test_rlock.py::test_with_statements_nest": violated("held-after"),
}
