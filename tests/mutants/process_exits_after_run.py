"""Bug: a child leaves with os._exit() as soon as run() returns, to skip the interpreter's
teardown, so it neither joins its threads and children nor runs its exit handlers."""

import multiprocessing.util
import os
import sys

from tests.mutants.base import mutant, process_of, violated


class ExitAfterRun:
    def run(self):
        super().run()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


get_context, get_all_start_methods = mutant(Process=process_of(ExitAfterRun, globals()))
KILLS = {
    "test_process.py::test_an_exiting_parent_ends_daemonic_children_and_waits_for_the_rest":
        violated("exited-first", "left-stubborn", "daemonic-survived"),
    "test_process.py::test_a_child_joins_its_threads_and_runs_its_finalizers_at_exit":
        violated("exited-with-thread", "skipped"),
    "test_process.py::test_a_child_runs_the_atexit_handlers_it_registered":
        violated("exited-with-thread", "skipped"),
}
util = multiprocessing.util  # Finalize: the implementation's own util module
