"""Bug: apply_async() hands each callback to a thread of its own, so the result handler never
waits for it: a slow callback no longer holds the pool's other results back, as documented."""

import threading
from multiprocessing import pool

from tests.mutants.base import mutant, violated


def in_own_thread(callback):
    if callback is None:
        return None
    return lambda value: threading.Thread(target=callback, args=(value,), daemon=True).start()


class ThreadedCallbackPool(pool.Pool):
    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        return super().apply_async(func, args, kwds, in_own_thread(callback),
                                   in_own_thread(error_callback))


def make_pool(ctx, *args, **kwargs):
    return ThreadedCallbackPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_blocking_callback_holds_up_other_results": violated("delivered"),
}
