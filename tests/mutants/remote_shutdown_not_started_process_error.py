"""Bug: a manager that was not started has a ``shutdown`` that refuses with
ProcessError("manager not started") when it is reached, where the real manager has no
``shutdown`` attribute at all until start() sets it (AttributeError).

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import ProcessError
from multiprocessing import managers as real

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class NotStarted:
    """A non-data descriptor: the ``shutdown`` start() stores on the instance hides it."""

    def __get__(self, manager, owner=None):
        if manager is None:
            return self
        raise ProcessError("manager not started")  # the bug: not AttributeError


class BaseManager(real.BaseManager):
    shutdown = NotStarted()


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_shutdown_exists_only_after_start": violated("raised-other"),
}
