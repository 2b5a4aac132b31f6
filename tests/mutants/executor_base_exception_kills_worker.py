"""Bug: the executor's worker loop catches only Exception (as a pool's does), so a task that
raises SystemExit or KeyboardInterrupt ends its worker and breaks the executor."""

import functools
import os
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


def catching_exception_only(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception:
        raise
    except BaseException:
        os._exit(1)  # the bug: what the worker loop does not catch ends the worker


class FragileExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        return super().submit(functools.partial(catching_exception_only, fn), *args, **kwargs)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return FragileExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_task_exceptions_reach_the_caller_with_the_remote_traceback":
        violated("wrong-exception", "broken"),
}
