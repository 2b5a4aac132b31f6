"""Bug: a child whose run() raises logs the traceback and exits with code 0, as if run() had
returned."""

import traceback

from tests.mutants.base import mutant, process_of, violated


class SwallowingRun:
    def run(self):
        try:
            super().run()
        except BaseException:  # the bug: the exception no longer reaches the exit code
            traceback.print_exc()


get_context, get_all_start_methods = mutant(Process=process_of(SwallowingRun, globals()))
KILLS = {
    "test_process.py::test_exit_codes_say_how_children_ended": violated("wrong-exitcode"),
}
