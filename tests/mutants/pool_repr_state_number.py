"""Bug: the pool keeps its state as a number (RUN = 0, CLOSE = 1, TERMINATE = 2, as pools
derived from older multiprocessing code do) and repr() shows that number, ``state=0``; the
real repr() shows the state's name and the pool's size, ``state=RUN pool_size=2``."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated

STATE_NUMBERS = {pool.RUN: 0, pool.CLOSE: 1, pool.TERMINATE: 2, pool.INIT: 3}


class NumberedStatePool(pool.Pool):
    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} "
                f"state={STATE_NUMBERS[self._state]} "  # the bug
                f"pool_size={len(self._pool)}>")


def make_pool(ctx, *args, **kwargs):
    return NumberedStatePool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_pool_arguments_and_misuse_are_refused": violated("repr-without-state"),
}
