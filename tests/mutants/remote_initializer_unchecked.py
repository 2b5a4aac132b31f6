"""Bug: start() does not check that the initializer is callable: the server process calls it,
fails with TypeError and exits before reporting its address, so start() raises EOFError from
the pipe it reads that address from.  The real start() raises TypeError("initializer must be a
callable") before it starts anything.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def start(self, initializer=None, initargs=()):
        if initializer is not None and not callable(initializer):
            initializer = Uncallable(initializer)  # the bug: no TypeError here
        super().start(initializer, initargs)


class Uncallable:
    """Carries the initializer past the real start()'s check: calling it calls the value, as
    a start() without the check would."""

    def __init__(self, value):
        self.value = value

    def __call__(self, *args):
        return self.value(*args)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_start_runs_the_initializer_in_the_server":
        violated("raised-other"),
}
