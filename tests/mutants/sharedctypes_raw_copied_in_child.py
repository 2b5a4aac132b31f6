"""Bug: a RawValue is pickled by value instead of by its shared buffer, so a spawn or
forkserver child gets a private copy and its writes never reach the parent (fork children,
which inherit the memory itself, are unaffected)."""

from multiprocessing import context, reduction, sharedctypes

from tests.mutants.base import SPAWNING, mutant, violated

# One subclass per ctypes type, so that the standard library re-registering its own reducer for
# the base type (on every shared ctypes object it makes) does not undo ours.
_by_value_types = {}


def by_value_type(base):
    if base not in _by_value_types:
        _by_value_types[base] = type(base.__name__, (base,), {})
    return _by_value_types[base]


def reduce_by_value(obj):
    context.assert_spawning(obj)
    return sharedctypes.RawValue, (type(obj).__mro__[1], obj.value)


def raw_value(ctx, typecode_or_type, *args):
    base = sharedctypes.typecode_to_type.get(typecode_or_type, typecode_or_type)
    obj = ctx.RawValue(by_value_type(base), *args)
    reduction.ForkingPickler.register(type(obj), reduce_by_value)
    return obj


get_context, get_all_start_methods = mutant(RawValue=raw_value)
KILLS = {
    "test_shared_ctypes.py::test_child_writes_are_visible_after_join":
        violated("not-visible", under=SPAWNING),
    "test_inheritance.py::test_primitives_passed_to_a_child_are_shared":
        violated("not-shared", under=SPAWNING),
}
