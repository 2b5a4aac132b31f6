"""Bug: the manager's authkey refuses to be pickled (outside spawning a process) with
pickle.PicklingError, so pickling a manager raises PicklingError; CPython's AuthenticationString
raises TypeError ("Pickling an AuthenticationString object is disallowed for security
reasons").

This module is the double's managers module (its ``managers`` attribute)."""

import pickle
import sys
from multiprocessing import managers as real

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class AuthenticationString(bytes):
    def __reduce__(self):
        from multiprocessing.context import get_spawning_popen

        if get_spawning_popen() is None:  # the bug: PicklingError, not TypeError
            raise pickle.PicklingError("an authentication key must not be pickled")
        return type(self), (bytes(self),)


class BaseManager(real.BaseManager):
    def __init__(self, address=None, authkey=None, *args, **kwargs):
        super().__init__(address, authkey, *args, **kwargs)
        self._authkey = AuthenticationString(self._authkey)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_manager_cannot_be_pickled": violated("raised-other"),
}
