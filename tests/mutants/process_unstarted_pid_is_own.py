"""Bug: Process.pid (and ident) takes an object without a Popen for the current process and
returns os.getpid(): a Process object that was never started reports its creator's pid.
CPython returns os.getpid() only when the object is the current process (``self is
_current_process``), and otherwise the Popen's pid, None before start()."""

import os

from tests.mutants.base import mutant, process_of, violated


class OwnPidBeforeStart:
    @property
    def ident(self):
        self._check_closed()
        if self._popen is None:  # the bug: "no Popen" taken to mean "the current process"
            return os.getpid()
        return self._popen.pid

    pid = ident


get_context, get_all_start_methods = mutant(Process=process_of(OwnPidBeforeStart, globals()))
KILLS = {
    "test_process.py::test_exit_codes_say_how_children_ended": violated("unstarted-state"),
    "test_process.py::test_signals_end_children_with_minus_the_signal_number":
        violated("unstarted-state"),
}
