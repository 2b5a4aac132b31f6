"""Bug: the challenge check never rejects: a wrong digest is answered with WELCOME as if it were
right, so Listener and Client connect whatever their authkeys.

The double's ``connection`` module (``tests.mutants.auth_accepts_any_key.connection``) is the
standard one with Listener and Client using the broken check."""

import sys
import types

from multiprocessing import AuthenticationError
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated

WELCOME = getattr(real_connection, "WELCOME", None) or real_connection._WELCOME
FAILURE = getattr(real_connection, "FAILURE", None) or real_connection._FAILURE


class Welcoming:
    """The connection as deliver_challenge sees it: every FAILURE it sends becomes WELCOME."""

    def __init__(self, conn):
        self._conn = conn

    def send_bytes(self, buf, *args):
        self._conn.send_bytes(WELCOME if bytes(buf) == FAILURE else buf, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def deliver_challenge(conn, authkey):
    try:
        real_connection.deliver_challenge(Welcoming(conn), authkey)
    except AuthenticationError:
        pass  # the bug: a wrong digest is let in


class Listener(real_connection.Listener):
    def accept(self):
        if self._listener is None:
            raise OSError("listener is closed")
        conn = self._listener.accept()
        if self._authkey is not None:
            deliver_challenge(conn, self._authkey)
            real_connection.answer_challenge(conn, self._authkey)
        return conn


def Client(address, family=None, authkey=None):
    conn = real_connection.Client(address, family)
    if authkey is not None:
        real_connection.answer_challenge(conn, authkey)
        deliver_challenge(conn, authkey)
    return conn


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.Listener, connection.Client = Listener, Client
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_wrong_authkey_fails_on_both_sides": violated("let-in"),
}
