"""Bug: ``name`` reports the POSIX object name with its leading slash ('/myname').

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_a_named_block_reports_its_name": violated("other-name"),
}
