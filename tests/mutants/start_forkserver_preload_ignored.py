"""Bug: set_forkserver_preload accepts the list but never hands it to the fork server, so the
listed modules are not imported in the server and every child imports them again."""

from tests.mutants.base import mutant, violated


def set_forkserver_preload(ctx, module_names):
    if not all(type(name) is str for name in module_names):
        raise TypeError("module_names must be a list of strings")


get_context, get_all_start_methods = mutant(set_forkserver_preload=set_forkserver_preload)
KILLS = {
    "test_start_methods.py::test_forkserver_preload_imports_listed_modules":
        violated("not-preloaded"),
}
