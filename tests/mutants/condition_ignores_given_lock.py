"""Bug: Condition(lock) ignores the lock it is given and makes an RLock of its own, so holding
the condition does not hold the caller's lock."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class OwnLockCondition(synchronize.Condition):
    def __init__(self, lock=None, *, ctx):
        super().__init__(None, ctx=ctx)  # the bug: ``lock`` is dropped


def condition(ctx, lock=None):
    return OwnLockCondition(lock, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_timed_out_wait_returns_false_holding_the_lock":
        violated("lock-free-after-wait"),
}
