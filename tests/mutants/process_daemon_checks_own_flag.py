"""Bug: start() refuses a child only when the new Process object is itself daemonic, instead
of when its creator is, so a daemonic process can start non-daemonic children."""

from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated


class OwnFlagStart:
    def start(self):
        config = process_module.current_process()._config
        creator_daemonic = config.get("daemon")
        if self.daemon or not creator_daemonic:
            return super().start()
        config["daemon"] = False  # the bug: the creator's flag is not what is checked
        try:
            return super().start()
        finally:
            config["daemon"] = creator_daemonic


get_context, get_all_start_methods = mutant(Process=process_of(OwnFlagStart, globals()))
KILLS = {
    "test_process.py::test_daemonic_processes_cannot_have_children":
        violated("daemon-had-child"),
}
