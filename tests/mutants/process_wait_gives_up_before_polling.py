"""Bug: multiprocessing.connection.wait() works out the time left before its first poll and
returns [] when none is left, so a zero or negative timeout never polls: the sentinels of
children that have ended are not returned.  CPython's wait() polls once (select with a timeout
of 0) before it gives up.

The double's ``connection`` module is the standard one with ``wait`` replaced."""

import sys
import time
import types
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def wait(object_list, timeout=None):
    if timeout is None:
        return real_connection.wait(object_list)
    deadline = time.monotonic() + timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return []  # the bug: checked before the first poll, not after it
    return real_connection.wait(object_list, remaining)


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.wait = wait
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_process.py::test_sentinels_are_ready_exactly_when_children_end":
        violated("not-ready"),
}
