"""Bug: Client does not check that the authkey is bytes before using it: a str key reaches the
handshake (``answer_challenge``), whose own check raises ValueError.  The real Client raises
TypeError itself, before any handshake.

The double's ``connection`` module (``tests.mutants.auth_client_key_checked_by_handshake
.connection``) is the standard one with Client replaced."""

import sys
import types
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def Client(address, family=None, authkey=None):
    c = real_connection.SocketClient(address)
    # the bug: no "authkey must be bytes" check (TypeError) here
    if authkey is not None:
        real_connection.answer_challenge(c, authkey)
        real_connection.deliver_challenge(c, authkey)
    return c


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.Client = Client
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_authkey_must_be_bytes": violated("raised-other"),
}
