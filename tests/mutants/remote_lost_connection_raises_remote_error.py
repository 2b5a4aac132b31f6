"""Bug: dict proxies report a lost connection to the server as RemoteError ("the manager failed")
instead of letting the EOFError or OSError (ConnectionResetError, BrokenPipeError ...) of the
broken connection through, as the real proxies do.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class DictProxy(real.DictProxy):
    def _callmethod(self, methodname, args=(), kwds={}):
        try:
            return super()._callmethod(methodname, args, kwds)
        except (EOFError, OSError) as error:
            raise RemoteError(f"lost the connection to the manager: {error!r}") from error


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_call_fails_promptly_once_the_server_is_gone":
        violated("other-error"),
}
