"""Bug: the context's Lock() returns a recursive lock (an RLock), so a process that takes the
lock twice is let in again instead of blocking."""

from tests.mutants.base import mutant, violated


def lock(ctx):
    return ctx.RLock()


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_start_methods.py::test_context_offers_the_module_api": violated("not-its-kind"),
}
