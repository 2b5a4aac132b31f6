"""Bug: start() on a Process that was already started starts another child with the same
object, instead of refusing."""

from tests.mutants.base import mutant, process_of, violated


class Restartable:
    def start(self):
        if getattr(self, "_popen", None) is not None:
            self._popen = None  # the bug: forget the first child
            self._target, self._args, self._kwargs = None, (), {}
        super().start()


get_context, get_all_start_methods = mutant(Process=process_of(Restartable, globals()))
KILLS = {
    "test_process.py::test_misuse_of_a_process_object_is_refused": violated("returned"),
}
