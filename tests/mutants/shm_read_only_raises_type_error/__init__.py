"""Bug: assigning ``name`` or ``size`` is refused by a ``__setattr__`` guard that raises
TypeError ("... is read-only"); the real attributes are properties without a setter, whose
assignment raises AttributeError.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_name_and_size_are_read_only": violated("raised-other"),
}
