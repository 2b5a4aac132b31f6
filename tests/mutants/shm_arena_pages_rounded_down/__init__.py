"""Bug: SharedMemory serves the blocks it creates without a name from a shared arena (one
POSIX block, carved into many, as an implementation does where shared memory objects are few),
each block starting on a page boundary, but it finds the next boundary by rounding the block's
size down to whole pages instead of up, so a block whose size is not a multiple of the page
size overlaps the next one created: writing the next block overwrites the first one's last
partial page.  A real block owns all of its bytes.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_created_blocks_are_distinct_and_span_their_size":
        violated("overwritten"),
}
