"""Bug: the executor checks max_tasks_per_child but never hands it to its workers, so they serve
for ever."""

from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import SPAWNING, mutant, violated


class TirelessExecutor(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._max_tasks_per_child = None  # the bug


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return TirelessExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_max_tasks_per_child_retires_workers":
        violated("overstayed", under=SPAWNING),
}
REQUIRES_PYTHON = (3, 11)  # max_tasks_per_child is new in 3.11
