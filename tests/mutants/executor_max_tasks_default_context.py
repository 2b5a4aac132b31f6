"""Bug: with max_tasks_per_child and no mp_context, the executor takes the default context
instead of spawn (where the default is fork, it then refuses its own arguments)."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class DefaultContextExecutor(ProcessPoolExecutor):
    def __init__(self, max_workers=None, mp_context=None, *args, max_tasks_per_child=None,
                 **kwargs):
        if mp_context is None and max_tasks_per_child is not None:
            mp_context = multiprocessing.get_context()  # the bug
        super().__init__(max_workers, mp_context, *args, max_tasks_per_child=max_tasks_per_child,
                         **kwargs)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return DefaultContextExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_an_executor_without_a_context_uses_and_fixes_the_default":
        violated("not-spawn"),
}
REQUIRES_PYTHON = (3, 11)  # max_tasks_per_child is new in 3.11
