"""Bug: a running pool that is garbage-collected cleans up without the ResourceWarning that
tells its user a pool was never closed."""

import warnings
from multiprocessing import pool

from tests.mutants.base import mutant, violated


class SilentPool(pool.Pool):
    def __del__(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)  # the bug
            super().__del__()


def make_pool(ctx, *args, **kwargs):
    return SilentPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_running_pool_collected_warns": violated("silent"),
}
