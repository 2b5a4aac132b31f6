"""Bug: multiprocessing.connection.wait() returns at once when given nothing to wait for, with
a bare ``return``: wait([]) gives None instead of [].  CPython's wait() returns the list of
ready objects, [] for an empty object_list (after the timeout).

The double's ``connection`` module is the standard one with ``wait`` replaced."""

import sys
import types
from multiprocessing import connection as real_connection

from tests.mutants.base import mutant, violated


def wait(object_list, timeout=None):
    if not object_list:
        return  # the bug: None, not []
    return real_connection.wait(object_list, timeout)


connection = types.ModuleType(f"{__name__}.connection")
connection.__dict__.update({name: value for name, value in vars(real_connection).items()
                            if not name.startswith("__")})
connection.wait = wait
sys.modules[connection.__name__] = connection

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_process.py::test_sentinels_are_ready_exactly_when_children_end":
        violated("not-empty"),
}
