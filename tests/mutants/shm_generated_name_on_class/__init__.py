"""Bug: creating a block without a name stores the generated name on the class
(``type(self)._name = name``) instead of on the instance, so every instance that was created
without a name reports (and unlinks) the last name generated in its process; the real class
keeps each block's name on its instance.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_created_blocks_are_distinct_and_span_their_size":
        violated("same-name"),
}
