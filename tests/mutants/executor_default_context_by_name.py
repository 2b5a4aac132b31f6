"""Bug: an executor made without mp_context takes the platform's default start method by name
(multiprocessing.get_context(<its name>)), so the global default context is never fixed and
set_start_method() still succeeds afterwards; the real one uses multiprocessing.get_context(),
which fixes it."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class NamedDefaultExecutor(ProcessPoolExecutor):
    def __init__(self, max_workers=None, mp_context=None, *args, max_tasks_per_child=None,
                 **kwargs):
        if mp_context is None and max_tasks_per_child is None:
            # the bug: a context by name leaves the global default unset
            mp_context = multiprocessing.get_context(multiprocessing.get_all_start_methods()[0])
        super().__init__(max_workers, mp_context, *args, max_tasks_per_child=max_tasks_per_child,
                         **kwargs)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return NamedDefaultExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_an_executor_without_a_context_uses_and_fixes_the_default":
        violated("not-fixed"),
}
REQUIRES_PYTHON = (3, 11)  # the invariant needs max_tasks_per_child, new in 3.11
