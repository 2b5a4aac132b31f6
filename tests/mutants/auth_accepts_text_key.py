"""Bug: Listener and Client "helpfully" encode a str authkey instead of raising TypeError.

The double's ``connection`` module (``tests.mutants.auth_accepts_text_key.connection``) is the
standard one with Listener and Client replaced."""

import sys
import types

from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def as_bytes(authkey):
    return authkey.encode() if isinstance(authkey, str) else authkey  # the bug


class Listener(real_connection.Listener):
    def __init__(self, address=None, family=None, backlog=1, authkey=None):
        super().__init__(address, family, backlog, as_bytes(authkey))


def Client(address, family=None, authkey=None):
    return real_connection.Client(address, family, as_bytes(authkey))


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.Listener, connection.Client = Listener, Client
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_authkey_must_be_bytes": violated("returned"),
}
