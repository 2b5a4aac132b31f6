"""Bug: each forkserver child imports the preload list again before it runs its target (to be
sure the modules are loaded) and lets an ImportError escape, so one missing module listed in
set_forkserver_preload makes every child fail; CPython imports the list once, in the fork
server, and silently ignores an ImportError."""

import importlib

from tests.mutants.base import mutant, process_of, violated

PRELOAD = {}


class PreloadingRun:
    def run(self):
        for name in getattr(self, "_preload", ()):
            importlib.import_module(name)  # the bug: ImportError is not ignored
        return super().run()


made = process_of(PreloadingRun, globals())


def process(ctx, *args, **kwargs):
    child = made(ctx, *args, **kwargs)
    child._preload = list(PRELOAD.get(ctx.get_start_method(), ()))
    return child


def set_forkserver_preload(ctx, module_names):
    ctx.set_forkserver_preload(module_names)
    PRELOAD[ctx.get_start_method()] = list(module_names)


get_context, get_all_start_methods = mutant(Process=process,
                                            set_forkserver_preload=set_forkserver_preload)
KILLS = {
    "test_start_methods.py::test_forkserver_preload_imports_listed_modules":
        violated("child-failed"),
}
