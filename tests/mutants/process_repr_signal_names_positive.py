"""Bug: repr() names the signal that killed a child from a table keyed by the positive signal
numbers, so the lookup of a negative exit code misses and repr() shows ``exitcode=-10`` instead
of ``exitcode=-SIGUSR1``.  CPython keys its table (``_exitcode_to_name``) by -N."""

import os
import signal

from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated

EXITCODE_TO_NAME = {number: f"-{number.name}" for number in signal.Signals}  # the bug: keys N


class PositiveSignalNames:
    def __repr__(self):
        exitcode = None
        if self is process_module.current_process():
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._parent_pid != os.getpid():
            status = "unknown"
        elif self._popen is None:
            status = "initial"
        else:
            exitcode = self._popen.poll()
            status = "stopped" if exitcode is not None else "started"
        info = [type(self).__name__, f"name={self._name!r}"]
        if self._popen is not None:
            info.append(f"pid={self._popen.pid}")
        info.append(f"parent={self._parent_pid}")
        info.append(status)
        if exitcode is not None:
            info.append(f"exitcode={EXITCODE_TO_NAME.get(exitcode, exitcode)}")
        if self.daemon:
            info.append("daemon")
        return f"<{' '.join(info)}>"


get_context, get_all_start_methods = mutant(Process=process_of(PositiveSignalNames, globals()))
KILLS = {
    "test_process.py::test_signals_end_children_with_minus_the_signal_number":
        violated("repr-without-signal"),
}
