"""Bug: set_start_method on a concrete context silently does nothing instead of raising
ValueError, so a caller believes it changed the method."""

from tests.mutants.base import mutant, violated


def set_start_method(ctx, method, force=False):
    return None


get_context, get_all_start_methods = mutant(set_start_method=set_start_method)
KILLS = {
    "test_start_methods.py::test_concrete_context_refuses_set_start_method": violated("returned"),
}
