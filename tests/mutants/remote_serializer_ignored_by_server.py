"""Bug: the server process always uses pickle, whatever serializer the manager was given, so
clients of a manager built with serializer='xmlrpclib' cannot talk to their own server.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    @classmethod
    def _run_server(cls, registry, address, authkey, serializer, *args, **kwargs):
        return super()._run_server(registry, address, authkey, "pickle", *args, **kwargs)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_the_xmlrpclib_serializer_carries_simple_values":
        violated("raised"),
}
