"""Bug: ``Pool.__enter__`` returns a weak proxy of the pool (so that the with statement's name
does not keep the pool alive) instead of the pool itself: ``with ctx.Pool() as p`` binds an
object that forwards to the pool but is not it (``p is pool`` is False, and the proxy dies
with the pool).  The real __enter__ returns ``self``."""

import weakref
from multiprocessing import pool

from tests.mutants.base import mutant, violated


class ProxyEnteringPool(pool.Pool):
    def __enter__(self):
        self._check_running()
        return weakref.proxy(self)  # the bug


def make_pool(ctx, *args, **kwargs):
    return ProxyEnteringPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_with_block_terminates_the_pool": violated("not-the-pool"),
}
