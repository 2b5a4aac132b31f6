"""Bug: Process.pid (and ident) is read only from the object's Popen, which a child's own
process object does not have: current_process().pid is None in every child.  CPython returns
os.getpid() when the object is the current process, and the Popen's pid otherwise."""

from tests.mutants.base import mutant, process_of, violated


class PidFromPopen:
    @property
    def ident(self):
        self._check_closed()
        return self._popen and self._popen.pid  # the bug: no os.getpid() for the current one

    pid = ident


get_context, get_all_start_methods = mutant(Process=process_of(PidFromPopen, globals()))
KILLS = {
    "test_process.py::test_a_child_sees_the_identity_its_parent_gave_it": violated("wrong-pid"),
}
