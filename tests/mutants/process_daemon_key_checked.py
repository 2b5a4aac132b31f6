"""Bug: start() refuses to start a child when the creator's configuration has a "daemon" entry
at all (a membership test, `"daemon" in config`), not when that entry is true, so a process made
with daemon=False cannot start children; CPython refuses only when the creator's flag is set."""

from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated


class DaemonKeyChecked:
    def start(self):
        if "daemon" in process_module.current_process()._config:  # the bug: not its value
            raise AssertionError("daemonic processes are not allowed to have children")
        return super().start()


get_context, get_all_start_methods = mutant(Process=process_of(DaemonKeyChecked, globals()))
KILLS = {
    "test_process.py::test_daemonic_processes_cannot_have_children": violated("child-refused"),
}
