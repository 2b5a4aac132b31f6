"""Bug: when the pool reaps a worker that exited with a non-zero code, it fails every
outstanding task with an error (as a broken ProcessPoolExecutor does), although no task was
lost; with a failing initializer the caller's get() raises instead of waiting.  The real pool
just replaces the worker: outstanding tasks wait for the new one."""

import contextlib
import functools
import weakref
from multiprocessing import pool

from tests.mutants.base import mutant, process_of, violated


class WorkerExited(Exception):
    """What the outstanding tasks' results hold after a worker's abnormal exit."""


OWNERS = weakref.WeakKeyDictionary()  # worker Process object -> weak reference to its pool


class ReportsExit:
    def join(self, timeout=None):
        super().join(timeout)
        owner = OWNERS.get(self, lambda: None)()
        if owner is not None and self.exitcode not in (None, 0):
            owner._fail_outstanding(WorkerExited(f"{self.name} exited with {self.exitcode}"))


PROCESS = process_of(ReportsExit, globals())


def owned_process(owner, ctx, *args, **kwds):
    process = PROCESS(ctx, *args, **kwds)
    OWNERS[process] = owner
    return process


class FailingOnExitPool(pool.Pool):
    def __init__(self, *args, **kwargs):
        self.Process = functools.partial(owned_process, weakref.ref(self))
        super().__init__(*args, **kwargs)

    def _fail_outstanding(self, error):  # the bug: called for any abnormal exit
        for result in list(self._cache.values()):
            if isinstance(result, pool.ApplyResult) and not result.ready():
                result._success, result._value = False, error
                if result._error_callback:
                    result._error_callback(error)
                result._event.set()
                with contextlib.suppress(KeyError):
                    del self._cache[result._job]


def make_pool(ctx, *args, **kwargs):
    return FailingOnExitPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_a_failing_initializer_keeps_tasks_from_ever_running":
        violated("error-reported"),
}
