"""Bug: the context objects lack RawValue and RawArray (only the module-level functions
exist), so code written against a context cannot allocate raw shared memory."""

import multiprocessing

from tests.mutants.base import MutantContext, mutant, violated

_, get_all_start_methods = mutant()
HIDDEN = ("RawValue", "RawArray")


class ContextWithoutRaw(MutantContext):
    def __getattr__(self, name):
        if name in HIDDEN:
            raise AttributeError(f"{type(self._real).__name__!r} object has no attribute "
                                 f"{name!r}")
        return super().__getattr__(name)


def get_context(method=None):
    return ContextWithoutRaw(multiprocessing.get_context(method), {})


KILLS = {
    "test_start_methods.py::test_context_offers_the_module_api": violated("missing"),
}
