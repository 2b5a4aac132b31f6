"""Bug: close() on a running child marks the object closed without checking that the child
has ended."""

from tests.mutants.base import mutant, process_of, violated


class UncheckedClose:
    def close(self):
        self._closed = True


get_context, get_all_start_methods = mutant(Process=process_of(UncheckedClose, globals()))
KILLS = {
    "test_process.py::test_a_closed_process_refuses_use": violated("returned"),
}
