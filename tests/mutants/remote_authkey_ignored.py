"""Bug: BaseManager ignores the authkey it is given and uses the process's own, which every child
inherits, so any client the parent started is admitted whatever key it presents.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def __init__(self, address=None, authkey=None, *args, **kwargs):
        super().__init__(address, None, *args, **kwargs)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_wrong_authkey_is_refused": violated("admitted"),
    "test_remote_manager.py::test_authkey_must_be_bytes": violated("returned"),
}
