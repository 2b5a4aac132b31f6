"""Bug: the context's RawValue and RawArray were copied from its Value and Array and still pass
ctx=self.get_context() to sharedctypes, whose raw functions take no ctx argument, so they raise
TypeError; CPython's raw factories pass only the type and the value or size."""

from multiprocessing import sharedctypes

from tests.mutants.base import mutant, violated


def raw_value(ctx, typecode_or_type, *args):
    return sharedctypes.RawValue(typecode_or_type, *args, ctx=ctx.get_context())  # the bug


def raw_array(ctx, typecode_or_type, size_or_initializer):
    return sharedctypes.RawArray(typecode_or_type, size_or_initializer,
                                 ctx=ctx.get_context())  # the bug


get_context, get_all_start_methods = mutant(RawValue=raw_value, RawArray=raw_array)
KILLS = {
    "test_start_methods.py::test_context_offers_the_module_api": violated("failed"),
}
