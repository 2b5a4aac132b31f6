"""Bug: Pool() starts no worker in its constructor; the workers are started when the first task
is submitted (a lazy start, as ProcessPoolExecutor does), so a new pool has no workers, and
under fork they are copies of the parent as it was at the first submission (a task function
defined after Pool() is found there).  The real Pool starts its ``processes`` workers in the
constructor."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class LazyPool(pool.Pool):
    _started = False

    def _repopulate_pool(self):
        if self._started:
            return super()._repopulate_pool()
        return None  # the bug: the constructor's call starts nobody

    def _check_running(self):  # every submission (apply_async, map_async, imap ...) checks
        super()._check_running()
        if not self._started:
            self._started = True
            self._repopulate_pool()
            self._change_notifier.put(None)  # the worker handler now watches them


def make_pool(ctx, *args, **kwargs):
    return LazyPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_workers_are_daemonic_and_started_by_the_context":
        violated("wrong-size"),
    "test_pool.py::test_a_worker_that_dies_mid_task_is_replaced":
        violated("returned", under=("fork",)),
}
