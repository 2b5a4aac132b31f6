"""Bug: close() scrubs the memory it maps (zero-fills ``buf``) before unmapping it, a
secure-erase habit that forgets the mapping is shared: every instance's close() erases the
whole block for everyone.  The real close() only releases this instance's view and mapping.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    # Every region is creator-missed, or attacher-missed when its attacher attached after
    # another had closed (scheduling); every byte no attacher wrote is zero.
    "test_shared_memory.py::test_attachers_and_creator_see_each_others_bytes":
        violated("creator-missed", "outside-changed", also=("attacher-missed",)),
}
