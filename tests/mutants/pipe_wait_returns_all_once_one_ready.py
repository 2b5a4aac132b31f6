"""Bug: multiprocessing.connection.wait() checks only whether anything became ready and then
returns the whole list it was given, not-ready objects included.  The real wait() returns
exactly the objects that are ready.

The double's ``connection`` module (``tests.mutants.pipe_wait_returns_all_once_one_ready
.connection``) is the standard one with ``wait`` replaced."""

import sys
import types

from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def wait(object_list, timeout=None):
    object_list = list(object_list)
    if real_connection.wait(object_list, timeout):
        return object_list  # the bug: should be the ready ones only
    return []


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.wait = wait
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_wait_returns_exactly_the_ready_objects": violated("spurious"),
}
