"""Bug: is_alive() looks at the process sentinel and reads "ready" as "alive", whereas the
sentinel becomes ready when the child ends: a started child is reported dead for as long as it
runs, and alive once it has ended.  CPython's is_alive() is True while the Popen's poll() gives
no exit code (False before start())."""

from multiprocessing import process as process_module
from multiprocessing.connection import wait

from tests.mutants.base import mutant, process_of, violated


class SentinelReadyIsAlive:
    def is_alive(self):
        self._check_closed()
        if self is process_module.current_process():
            return True
        if self._popen is None:
            return False
        return bool(wait([self.sentinel], 0))  # the bug: ready means the child has ended


get_context, get_all_start_methods = mutant(Process=process_of(SentinelReadyIsAlive, globals()))
KILLS = {
    "test_process.py::test_exit_codes_say_how_children_ended":
        violated("not-started", "ended-early", "alive-after-end"),
    "test_process.py::test_signals_end_children_with_minus_the_signal_number":
        violated("not-started", "ended-early", "alive-after-end"),
}
