"""Bug: close() releases the object's configuration along with its other resources (it empties
the dict that holds daemon and authkey), so reading authkey after close() raises KeyError;
CPython's close() releases only the child's handles and keeps name, daemon and authkey
readable."""

from tests.mutants.base import mutant, process_of, violated


class ConfigDroppingClose:
    def close(self):
        super().close()
        self._config = {}  # the bug: the configuration is not a resource of the child


get_context, get_all_start_methods = mutant(Process=process_of(ConfigDroppingClose, globals()))
KILLS = {
    "test_process.py::test_a_closed_process_refuses_use": violated("unreadable"),
}
