"""Bug: the server drops a client that fails the authentication challenge without sending it
the failure message, so the client's connect() sees the connection end (EOFError) instead of
raising AuthenticationError; the real server sends ``#FAILURE#`` before it closes.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import connection
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated

# The refusal the protocol sends (``connection.FAILURE``; ``_FAILURE`` from 3.12 on).
FAILURE = getattr(connection, "FAILURE", None) or connection._FAILURE


class SilentOnFailure:
    """The server's end of a connection: once it has refused the client, it sends nothing."""

    def __init__(self, conn):
        self._conn = conn
        self._refused = False

    def send_bytes(self, buf, *args):
        if buf == FAILURE:
            self._refused = True
        if not self._refused:
            self._conn.send_bytes(buf, *args)

    def send(self, obj):
        if not self._refused:
            self._conn.send(obj)

    def __getattr__(self, name):
        return getattr(self._conn, name)


class Server(real.Server):
    def handle_request(self, conn):
        return super().handle_request(SilentOnFailure(conn))


class BaseManager(real.BaseManager):
    _Server = Server


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_wrong_authkey_is_refused": violated("other-error"),
}
