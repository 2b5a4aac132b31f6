"""Bug: BaseManager checks its authkey's type itself and refuses a str with ValueError; the real
manager refuses it with TypeError (from bytes() of a str without an encoding).

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def __init__(self, address=None, authkey=None, *args, **kwargs):
        if authkey is not None and not isinstance(authkey, bytes):
            raise ValueError("authkey must be a byte string")  # the bug: not TypeError
        super().__init__(address, authkey, *args, **kwargs)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_authkey_must_be_bytes": violated("raised-other"),
}
