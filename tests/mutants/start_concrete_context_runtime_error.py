"""Bug: set_start_method on a concrete context refuses with RuntimeError("context has already
been set"), as the default context does once its method is fixed, instead of the
ValueError("cannot set start method of concrete context") the real implementation raises."""

from tests.mutants.base import mutant, violated


def set_start_method(ctx, method, force=False):
    raise RuntimeError("context has already been set")


get_context, get_all_start_methods = mutant(set_start_method=set_start_method)
KILLS = {
    "test_start_methods.py::test_concrete_context_refuses_set_start_method":
        violated("raised-other"),
}
