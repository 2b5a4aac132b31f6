"""Bug: multiprocessing.connection.wait() takes a negative timeout to mean "no limit", as
poll(2) does with -1: wait(idle, -1) blocks for as long as nothing becomes ready instead of
returning an empty list at once (a negative timeout counts as zero).

The double's ``connection`` module
(``tests.mutants.pipe_wait_negative_timeout_forever.connection``) is the standard one with
``wait`` replaced."""

import sys
import types
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def wait(object_list, timeout=None):
    if timeout is not None and timeout < 0:
        timeout = None  # the bug: should be 0
    return real_connection.wait(object_list, timeout)


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.wait = wait
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_wait_returns_exactly_the_ready_objects": violated("blocked"),
}
