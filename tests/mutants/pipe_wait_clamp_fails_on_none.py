"""Bug: multiprocessing.connection.wait() clamps a negative timeout with ``max(timeout, 0)``
without minding None: wait(objects, None) raises TypeError instead of waiting without limit.

The double's ``connection`` module (``tests.mutants.pipe_wait_clamp_fails_on_none.connection``)
is the standard one with ``wait`` replaced."""

import sys
import types
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def wait(object_list, timeout=None):
    timeout = max(timeout, 0)  # the bug: None (no limit) cannot be compared
    return real_connection.wait(object_list, timeout)


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.wait = wait
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_wait_returns_exactly_the_ready_objects": violated("raised"),
}
