"""Bug: ShareableList.__setitem__ checks the position only by looking its offset up in the
offsets table, which has one entry more than there are items (the end of the data), so the
position ``len`` passes; it then packs the value before recording its format, whose own check
refuses the position with IndexError, too late: the value has been written just past the data,
over the first item's format, which can no longer be read.  The real __setitem__ checks the
position (reading its current format) before it writes anything.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_fixed_length_bounds_and_no_slicing": violated("changed"),
}
