"""No bug: the standard library through the mutant wrapper, to show the wrapper is faithful.

A package, so that ``<implementation>.shared_memory``, ``.managers``, ``.sharedctypes``,
``.connection``, ``.synchronize``, ``.pool`` and ``.util`` resolve as they do for
``multiprocessing`` itself.
"""

import importlib
import sys

from tests.mutants.base import mutant

for _submodule in ("shared_memory", "managers", "sharedctypes", "connection", "synchronize",
                   "pool", "util"):
    sys.modules[f"{__name__}.{_submodule}"] = importlib.import_module(
        f"multiprocessing.{_submodule}")

get_context, get_all_start_methods = mutant()
