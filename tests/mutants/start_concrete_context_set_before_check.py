"""Bug: set_start_method records the new method before it checks whether the context is
concrete, so on a concrete context it raises ValueError as it should but the context now
reports the method it refused; CPython raises before changing anything."""

import functools
import multiprocessing

from tests.mutants.base import MutantContext, violated


class RecordingFirstContext(MutantContext):
    def set_start_method(self, method, force=False):
        self._name = method  # the bug: recorded before the check
        raise ValueError("cannot set start method of concrete context")

    def get_start_method(self, allow_none=False):
        return self.__dict__.get("_name") or self._real.get_start_method(allow_none)


@functools.lru_cache(maxsize=None)
def get_context(method=None):
    return RecordingFirstContext(multiprocessing.get_context(method), {})


get_all_start_methods = multiprocessing.get_all_start_methods
KILLS = {
    "test_start_methods.py::test_concrete_context_refuses_set_start_method":
        violated("changed", under=("fork", "spawn")),
}
