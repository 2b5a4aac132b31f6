"""Bug: a SharedMemory pickles its bytes, not its name: the unpickled object has the same name
but is a private copy, so writes through it are never seen by the creator.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_pickled_block_reattaches_in_another_process":
        violated("not-shared"),
}
