"""Bug: ``track=False`` is accepted but ignored: the block is registered with the resource tracker
anyway, which unlinks it when its creator's program exits.  (Shows on every version: this
double takes ``track`` even where the standard library does not.)

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import UNCONVERTED, mutant

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_untracked_block_outlives_its_creator": UNCONVERTED,
}
