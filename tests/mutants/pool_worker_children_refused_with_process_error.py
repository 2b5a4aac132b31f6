"""Bug: Process.start() refuses to start a child of a daemonic process (a pool worker) with an
explicit ``raise ProcessError("daemonic processes are not allowed to have children")``, so that
the check survives python -O, instead of the assertion: a task that starts a process fails with
ProcessError.  CPython's start() raises AssertionError there."""

from multiprocessing import ProcessError
from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated


class ProcessErrorDaemonCheck:
    def start(self):
        if process_module.current_process().daemon:  # the bug: not an assertion
            raise ProcessError("daemonic processes are not allowed to have children")
        return super().start()


get_context, get_all_start_methods = mutant(Process=process_of(ProcessErrorDaemonCheck,
                                                               globals()))
KILLS = {
    "test_pool.py::test_workers_are_daemonic_and_started_by_the_context":
        violated("raised-other"),
}
