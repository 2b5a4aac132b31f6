"""Bug: BaseManager.register ignores ``create_method=False`` and adds a creating method for
every typeid, also those meant only to wrap what another method returns.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None,
                 method_to_typeid=None, create_method=True):
        super().register(typeid, callable, proxytype, exposed, method_to_typeid, True)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_register_options_shape_the_proxies":
        violated("method-added"),
}
