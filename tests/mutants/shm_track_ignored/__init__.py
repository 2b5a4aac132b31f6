"""Bug: ``track=False`` is accepted but ignored: the block is registered with the resource tracker
anyway, which unlinks it when its creator's program exits.  (Like the standard library, this
double takes ``track`` only from Python 3.13 on; before, the invariant is unsupported.)

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_untracked_block_outlives_its_creator": violated("unlinked"),
}
