"""Bug: set_forkserver_preload checks each name as a dotted module path (`name.split(".")`,
each part an identifier) without first checking that it is a str, so a non-str name raises
AttributeError; CPython checks `type(name) is str` and raises TypeError."""

from tests.mutants.base import mutant, violated


def set_forkserver_preload(ctx, module_names):
    for name in module_names:
        if not all(part.isidentifier() for part in name.split(".")):  # the bug: no type check
            raise ValueError(f"{name!r} is not a module name")
    ctx.set_forkserver_preload(module_names)


get_context, get_all_start_methods = mutant(set_forkserver_preload=set_forkserver_preload)
KILLS = {
    "test_start_methods.py::test_forkserver_preload_refuses_non_str_names":
        violated("raised-other"),
}
