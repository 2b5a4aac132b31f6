"""Bug: get_context("forkserver") quietly returns a spawn context (as if the fork server were
unavailable), so the caller does not get the method it asked for."""

from tests.mutants.base import mutant, violated

_get_context, get_all_start_methods = mutant()


def get_context(method=None):
    return _get_context("spawn" if method == "forkserver" else method)


KILLS = {
    "test_start_methods.py::test_context_reports_its_start_method":
        violated("other-method", under=("forkserver",)),
}
