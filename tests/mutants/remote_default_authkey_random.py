"""Bug: a manager given no authkey makes up a random one ("secure by default") instead of using
``current_process().authkey``, so a child, which inherits only the process's authkey, cannot
connect without passing one.

This module is the double's managers module (its ``managers`` attribute)."""

import os
import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def __init__(self, address=None, authkey=None, *args, **kwargs):
        super().__init__(address, os.urandom(32) if authkey is None else authkey, *args,
                         **kwargs)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_child_connects_with_the_inherited_authkey":
        violated("refused"),
}
