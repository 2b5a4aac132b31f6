"""Bug: Client does not check that the authkey is bytes before the handshake, and the handshake
reads the Listener's challenge before it first uses the key (to compute the digest, where a str
key would fail): with no accept() on the other side yet, Client(authkey='text') waits for a
challenge that never comes.  The real Client raises TypeError at once, before any handshake.

The double's ``connection`` module (``tests.mutants.auth_client_key_checked_after_challenge
.connection``) is the standard one with Client replaced."""

import hmac
import sys
import types
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def answer_challenge(conn, authkey):
    message = conn.recv_bytes(256)  # waits for the Listener's accept()
    if not message.startswith(real_connection.CHALLENGE):
        raise real_connection.AuthenticationError(f"message = {message!r}")
    message = message[len(real_connection.CHALLENGE):]
    conn.send_bytes(hmac.new(authkey, message, "md5").digest())  # a str key fails only here
    if conn.recv_bytes(256) != real_connection.WELCOME:
        raise real_connection.AuthenticationError("digest sent was rejected")


def Client(address, family=None, authkey=None):
    c = real_connection.SocketClient(address)
    # the bug: no "authkey must be bytes" check (TypeError) before the handshake
    if authkey is not None:
        answer_challenge(c, authkey)
        real_connection.deliver_challenge(c, authkey)
    return c


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.Client = Client
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_authkey_must_be_bytes": violated("blocked"),
}
