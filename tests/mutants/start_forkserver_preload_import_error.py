"""Bug: set_forkserver_preload imports the listed modules eagerly in the caller and lets an
ImportError escape, so one missing optional module stops the program from starting children."""

import importlib

from tests.mutants.base import mutant, violated


def set_forkserver_preload(ctx, module_names):
    for name in module_names:
        importlib.import_module(name)
    ctx.set_forkserver_preload(module_names)


get_context, get_all_start_methods = mutant(set_forkserver_preload=set_forkserver_preload)
KILLS = {
    "test_start_methods.py::test_forkserver_preload_imports_listed_modules":
        violated("raised"),
}
