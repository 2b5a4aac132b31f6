"""Bug: ShareableList attaching by name hands SharedMemory the POSIX object name ``'/' + name``;
SharedMemory adds its own leading slash, shm_open() ignores the extra one and the same block is
attached, but the list's ``shm`` reports the name ``'/name'``, not the block's.  The real list
passes the name as given.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_list_values_round_trip": violated("other-block"),
}
