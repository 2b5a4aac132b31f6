"""Bug: BaseManager.start() accepts an initializer but never passes it to the server process,
so it never runs (and a non-callable one goes unnoticed).

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, timed_out


class BaseManager(real.BaseManager):
    def start(self, initializer=None, initargs=()):
        super().start()  # the bug: initializer and initargs are dropped


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_start_runs_the_initializer_in_the_server":
        timed_out("the initializer to run in the server process"),
}
