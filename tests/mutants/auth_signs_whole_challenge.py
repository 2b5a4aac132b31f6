"""Bug: answer_challenge() signs the whole challenge message, ``#CHALLENGE#`` prefix included,
while deliver_challenge() expects the digest of the random bytes after the prefix (as the real
answer_challenge computes it): every answer is rejected, so even the right key is refused.

The double's ``connection`` module (``tests.mutants.auth_signs_whole_challenge.connection``) is
the standard one with Listener and Client using the broken answer."""

import hmac
import sys
import types

from multiprocessing import AuthenticationError
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated

CHALLENGE = getattr(real_connection, "CHALLENGE", None) or real_connection._CHALLENGE
WELCOME = getattr(real_connection, "WELCOME", None) or real_connection._WELCOME


def answer_challenge(conn, authkey):
    if not isinstance(authkey, bytes):
        raise ValueError(f"Authkey must be bytes, not {type(authkey)!s}")
    message = conn.recv_bytes(256)
    if not message.startswith(CHALLENGE):
        raise AuthenticationError(f"message = {message!r}")
    digest = hmac.new(authkey, message, "md5").digest()  # the bug: the prefix is signed too
    conn.send_bytes(digest)
    if conn.recv_bytes(256) != WELCOME:
        raise AuthenticationError("digest sent was rejected")


class Listener(real_connection.Listener):
    def accept(self):
        if self._listener is None:
            raise OSError("listener is closed")
        conn = self._listener.accept()
        if self._authkey:
            real_connection.deliver_challenge(conn, self._authkey)
            answer_challenge(conn, self._authkey)
        return conn


def Client(address, family=None, authkey=None):
    if authkey is not None and not isinstance(authkey, bytes):
        raise TypeError("authkey should be a byte string")
    conn = real_connection.Client(address, family)
    if authkey is not None:
        answer_challenge(conn, authkey)
        real_connection.deliver_challenge(conn, authkey)
    return conn


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.Listener, connection.Client = Listener, Client
connection.answer_challenge = answer_challenge
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_wrong_authkey_fails_on_both_sides": violated("shut-out"),
}
