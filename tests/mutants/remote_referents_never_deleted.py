"""Bug: the server counts each referent's proxies down but never deletes a referent whose count
reaches zero, so every shared object lives as long as the server (a leak).

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, timed_out


class LeakingServer(real.Server):
    def decref(self, c, ident):
        with self.mutex:
            if self.id_to_refcount.get(ident, 0) > 0:
                self.id_to_refcount[ident] -= 1


class BaseManager(real.BaseManager):
    _Server = LeakingServer


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_referent_is_deleted_once_no_proxy_refers_to_it":
        timed_out("the manager to delete a referent no proxy refers to"),
}
