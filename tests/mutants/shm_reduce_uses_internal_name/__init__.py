"""Bug: a SharedMemory pickles its internal POSIX name (``_name``, with the leading slash)
instead of its public ``name``: the unpickled instance attaches the same block (the extra
slash is ignored by shm_open) but reports '/name'.  The real ``__reduce__`` pickles ``name``.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_pickled_block_reattaches_in_another_process":
        violated("other-name"),
}
