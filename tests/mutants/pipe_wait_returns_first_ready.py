"""Bug: multiprocessing.connection.wait() returns as soon as one object is ready, reporting only
that one, although others are ready too.

The double's ``connection`` module (``tests.mutants.pipe_wait_returns_first_ready.connection``)
is the standard one with ``wait`` replaced."""

import sys
import types

from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def wait(object_list, timeout=None):
    ready = real_connection.wait(object_list, timeout)
    return ready[:1]  # the bug


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.wait = wait
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_wait_returns_exactly_the_ready_objects": violated("missed-ready"),
}
