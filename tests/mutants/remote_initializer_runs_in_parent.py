"""Bug: BaseManager.start() runs the initializer itself, in the calling process, before it
starts the server process, instead of in the server process.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def start(self, initializer=None, initargs=()):
        if initializer is not None:
            if not callable(initializer):
                raise TypeError("initializer must be a callable")
            initializer(*initargs)
        super().start()


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_start_runs_the_initializer_in_the_server":
        violated("elsewhere"),
}
