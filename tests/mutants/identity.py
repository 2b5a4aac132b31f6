"""No bug: the standard library through the mutant wrapper, to show the wrapper is faithful."""

from tests.mutants.base import mutant

get_context, get_all_start_methods = mutant()
