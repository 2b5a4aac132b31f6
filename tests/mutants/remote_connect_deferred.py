"""Bug: ``connect()`` does not contact the server: it only marks the manager connected, and the
first call that needs the server (a creating method) makes the connection, so connecting where
nobody listens, or with a wrong authkey, "succeeds" and fails later.  The real ``connect()``
connects, authenticates and exchanges a first request before it returns.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def connect(self):
        self._state.value = real.State.STARTED  # the bug: the connection is left for later


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_connect_where_nobody_listens_is_refused":
        violated("connected"),
    "test_remote_manager.py::test_a_wrong_authkey_is_refused": violated("admitted"),
}
