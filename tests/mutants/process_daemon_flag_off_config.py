"""Bug: the daemon setter keeps the flag in an attribute of the object instead of in its
_config, which every new Process object copies from current_process(): a daemonic child sees
itself as daemonic, but the Process objects it makes are not.  CPython stores the flag in
_config['daemon'], so a daemonic process's new Process objects are daemonic by default."""

from tests.mutants.base import mutant, process_of, violated


class DaemonOffConfig:
    @property
    def daemon(self):
        return self.__dict__.get("_daemonic", self._config.get("daemon", False))

    @daemon.setter
    def daemon(self, daemonic):
        assert self._popen is None, "process has already started"
        self._daemonic = daemonic  # the bug: _config['daemon'] is not set


get_context, get_all_start_methods = mutant(Process=process_of(DaemonOffConfig, globals()))
KILLS = {
    "test_process.py::test_a_child_sees_the_identity_its_parent_gave_it":
        violated("wrong-daemon"),
}
