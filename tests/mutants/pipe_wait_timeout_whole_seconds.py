"""Bug: multiprocessing.connection.wait() rounds its timeout down to whole seconds (as for a
select() API that takes an int): wait(objects, 0.05) with nothing ready returns at once instead
of waiting 0.05 s.

The double's ``connection`` module (``tests.mutants.pipe_wait_timeout_whole_seconds.connection``)
is the standard one with ``wait`` replaced."""

import sys
import types
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def wait(object_list, timeout=None):
    if timeout is not None:
        timeout = int(timeout)  # the bug: the fraction of a second is lost
    return real_connection.wait(object_list, timeout)


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.wait = wait
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pipe.py::test_wait_returns_exactly_the_ready_objects": violated("early"),
}
