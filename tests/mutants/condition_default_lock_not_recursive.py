"""Bug: Condition() without a lock makes a plain Lock for itself instead of an RLock, so the
holder of a default Condition cannot re-enter it: acquire(False) by the holder returns False.
The real Condition() makes an RLock (threading documents: "If the lock argument is ... not
given, a new RLock object is created")."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class LockDefaultCondition(synchronize.Condition):
    def __init__(self, lock=None, *, ctx):
        super().__init__(lock or ctx.Lock(), ctx=ctx)  # the bug: CPython's default is ctx.RLock()


def condition(ctx, lock=None):
    return LockDefaultCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_wait_fully_releases_a_recursive_lock": violated("not-reentrant"),
}
