"""Bug: Process(daemon=...) accepts the keyword but never stores it (the `if daemon is not
None: self.daemon = daemon` line is missing), so every new Process takes its creator's flag;
CPython sets the flag from the argument."""

from tests.mutants.base import mutant, process_of, violated


class DaemonArgumentIgnored:
    def __init__(self, *args, daemon=None, **kwargs):
        super().__init__(*args, **kwargs)  # the bug: daemon is dropped


get_context, get_all_start_methods = mutant(Process=process_of(DaemonArgumentIgnored, globals()))
KILLS = {
    "test_process.py::test_daemonic_processes_cannot_have_children":
        violated("flag-ignored", "wrong-default", "daemon-had-child"),
}
