"""Bug: start() refuses a start made while a spawning child is still importing the main module
with an assertion (AssertionError) instead of CPython's RuntimeError, so the child of an
unguarded main module fails for a reason that does not name the bootstrapping mistake's
documented exception."""

from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated


class AssertingStart:
    def start(self):
        assert not getattr(process_module.current_process(), "_inheriting", False), \
            "a process was started while the main module was being imported; protect the " \
            "entry point with if __name__ == '__main__'"  # the bug: not RuntimeError
        return super().start()


get_context, get_all_start_methods = mutant(Process=process_of(AssertingStart, globals()))
KILLS = {
    "test_start_methods.py::test_unguarded_main_fails_spawning_children":
        violated("failed-otherwise"),
}
