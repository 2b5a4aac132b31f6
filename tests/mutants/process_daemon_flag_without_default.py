"""Bug: the daemon property reads the configuration with `_config.get("daemon")`, without the
default False, so the main process (whose configuration never set the flag) and the Process
objects it makes without daemon= report None; CPython returns `_config.get("daemon", False)`."""

import copy
from multiprocessing.process import BaseProcess

from tests.mutants.base import mutant, process_of, violated


class NoDefaultDaemon:
    @property
    def daemon(self):
        return self._config.get("daemon")  # the bug: no default

    @daemon.setter
    def daemon(self, daemonic):
        BaseProcess.daemon.fset(self, daemonic)


MAIN_CLASSES = {}


def current_process(ctx):
    """The current process as the drop-in's class sees it (the object itself, re-classed on a
    copy so that the real interpreter's object is left alone)."""
    real = ctx.current_process()
    cls = MAIN_CLASSES.setdefault(type(real), type(f"NoDefaultDaemon{type(real).__name__}",
                                                    (NoDefaultDaemon, type(real)), {}))
    seen = copy.copy(real)
    seen.__class__ = cls
    return seen


get_context, get_all_start_methods = mutant(Process=process_of(NoDefaultDaemon, globals()),
                                            current_process=current_process)
KILLS = {
    "test_process.py::test_daemonic_processes_cannot_have_children":
        violated("main-process", "wrong-default"),
}
