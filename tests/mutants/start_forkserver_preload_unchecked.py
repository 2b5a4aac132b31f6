"""Bug: set_forkserver_preload records the list as given and defers checking it until the fork
server starts, so a list holding a non-str is accepted without TypeError."""

from tests.mutants.base import mutant, violated

PRELOAD = {}


def set_forkserver_preload(ctx, module_names):
    PRELOAD[ctx.get_start_method()] = list(module_names)  # never reaches the real fork server


get_context, get_all_start_methods = mutant(set_forkserver_preload=set_forkserver_preload)
KILLS = {
    "test_start_methods.py::test_forkserver_preload_refuses_non_str_names":
        violated("accepted"),
}
