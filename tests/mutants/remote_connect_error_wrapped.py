"""Bug: ``connect()`` reports every failure to reach the server as ProcessError("could not
connect"), hiding the ConnectionRefusedError (an OSError) callers are promised.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import ProcessError
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def connect(self):
        try:
            return super().connect()
        except OSError as error:
            raise ProcessError(f"could not connect to {self.address}") from error


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_connect_where_nobody_listens_is_refused":
        violated("other-error"),
}
