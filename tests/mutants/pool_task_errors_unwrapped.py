"""Bug: the pool starts its workers with wrap_exception off (the flag ThreadPool uses), so a
task's exception is sent back bare: get() and apply() re-raise it without the worker's
traceback (no RemoteTraceback as its __cause__).  The real Pool wraps the exception in
ExceptionWithTraceback, which get() re-raises with the remote traceback as its cause."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class UnwrappedErrorsPool(pool.Pool):
    _wrap_exception = False  # the bug: copied from ThreadPool


def make_pool(ctx, *args, **kwargs):
    return UnwrappedErrorsPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_callbacks_run_once_in_the_parent_before_results_are_ready":
        violated("wrong-exception"),
}
