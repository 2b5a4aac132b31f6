"""Bug: terminate() and kill() do not check that the Process object is closed and reach for
its released Popen, so after close() they raise AttributeError ('NoneType' object has no
attribute 'terminate'); the real implementation checks first and raises
ValueError("process object is closed")."""

from tests.mutants.base import mutant, process_of, violated


class UncheckedSignals:
    def terminate(self):
        self._popen.terminate()  # the bug: no self._check_closed() first

    def kill(self):
        self._popen.kill()


get_context, get_all_start_methods = mutant(Process=process_of(UncheckedSignals, globals()))
KILLS = {
    "test_process.py::test_a_closed_process_refuses_use": violated("raised-other"),
}
