"""Bug: the context starts an executor's workers daemonic (as a pool's are), so a task cannot
start a process of its own."""

from tests.mutants.base import mutant, process_of, violated


class DaemonicWorkers:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(self._target, "__name__", "") == "_process_worker":
            self.daemon = True  # the bug


get_context, get_all_start_methods = mutant(Process=process_of(DaemonicWorkers, globals()))
KILLS = {
    "test_executor.py::test_workers_start_as_the_start_method_requires":
        violated("child-refused"),
}
