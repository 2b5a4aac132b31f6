"""Bug: a child makes terminate() "graceful": it turns SIGTERM into an exception, so that
finally clauses run, then ends itself by SIGTERM to keep the exit code -SIGTERM.  CPython
leaves SIGTERM at its default disposition: terminate() ends the child at once and "exit
handlers and finally clauses, etc., will not be executed"."""

import os
import signal

from tests.mutants.base import mutant, process_of, violated


class Terminated(BaseException):
    pass


def raise_terminated(signum, frame):
    raise Terminated(signum)


class GracefulTerminate:
    def run(self):
        signal.signal(signal.SIGTERM, raise_terminated)  # the bug
        try:
            super().run()
        except Terminated:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            raise


get_context, get_all_start_methods = mutant(Process=process_of(GracefulTerminate, globals()))
KILLS = {
    "test_process.py::test_signals_end_children_with_minus_the_signal_number":
        violated("cleanup-ran"),
}
