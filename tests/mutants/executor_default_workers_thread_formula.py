"""Bug: max_workers=None takes ThreadPoolExecutor's default, min(32, os.cpu_count() + 4),
where the real ProcessPoolExecutor uses one worker per CPU; under fork, where every worker
starts at the first submit(), the executor starts that many."""

import os
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class ThreadSizedExecutor(ProcessPoolExecutor):
    def __init__(self, max_workers=None, *args, **kwargs):
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)  # the bug
        super().__init__(max_workers, *args, **kwargs)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return ThreadSizedExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_workers_start_as_the_start_method_requires":
        violated("wrong-start", "wrong-size", under=("fork",)),
}
