"""Bug: a child wraps os._exit() so that its atexit handlers run and stdio is flushed before it
leaves (as coverage tools patch it), so a target that calls os._exit() still runs its atexit
handlers.  CPython's os._exit() exits "without calling cleanup handlers, flushing stdio
buffers, etc."."""

import atexit
import os
import sys

from tests.mutants.base import mutant, process_of, violated


class CleanOsExit:
    def run(self):
        real_exit = os._exit

        def exit_with_cleanup(code):  # the bug
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
            real_exit(code)

        os._exit = exit_with_cleanup
        try:
            super().run()
        finally:
            os._exit = real_exit


get_context, get_all_start_methods = mutant(Process=process_of(CleanOsExit, globals()))
KILLS = {
    "test_process.py::test_exit_codes_say_how_children_ended": violated("cleanup-ran"),
}
