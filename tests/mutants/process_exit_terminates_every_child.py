"""Bug: a process that exits normally sends SIGTERM to all its children, non-daemonic ones
included (the exit handler's daemon test is missing), before waiting for them, so a
non-daemonic child is cut short; CPython's exit handler (multiprocessing.util._exit_function)
terminates only the daemonic children and waits for the others to finish."""

from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated


class TerminateAllAtExit:
    def run(self):
        super().run()
        for child in process_module.active_children():
            child.terminate()  # the bug: CPython does this only `if child.daemon`


get_context, get_all_start_methods = mutant(Process=process_of(TerminateAllAtExit, globals()))
KILLS = {
    "test_process.py::test_an_exiting_parent_ends_daemonic_children_and_waits_for_the_rest":
        violated("cut-short"),
}
