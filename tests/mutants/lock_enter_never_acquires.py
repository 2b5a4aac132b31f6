"""Bug: ``__enter__``'s body is ``self.acquire`` with the call's parentheses (and the
``return``) missing: it only looks the method up, so a ``with`` block of a Lock or RLock runs
without holding the lock, ``as`` binds None, and leaving the block releases a lock that was
never taken (ValueError for a Lock, AssertionError for an RLock).  The real ``__enter__``
acquires and returns True."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def enter_without_calling(self):
    self.acquire  # noqa: B018 -- the bug: the call's parentheses are missing


class UncalledEnterLock(synchronize.Lock):
    __enter__ = enter_without_calling


class UncalledEnterRLock(synchronize.RLock):
    __enter__ = enter_without_calling


def lock(ctx):
    return UncalledEnterLock(ctx=ctx.get_context())


def rlock(ctx):
    return UncalledEnterRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_with_statement_acquires_and_releases":
        violated("entered-other", "free-inside", "owner-failed", "reentered"),
    "test_rlock.py::test_with_statements_nest":
        violated("entered-other", "free-inside", "owner-failed"),
}
