"""Bug: a child closes the sys.stdin it inherited and sets sys.stdin to None instead of
reopening it on os.devnull, so the child has no stdin to read and input() raises RuntimeError
("lost sys.stdin") instead of EOFError.  CPython's child bootstrap replaces sys.stdin
with an open os.devnull (util._close_stdin)."""

import sys

from tests.mutants.base import mutant, process_of, violated


class StdinSetToNone:
    def _bootstrap(self, *args, **kwargs):
        if sys.stdin is not None:
            try:
                sys.stdin.close()
            except (OSError, ValueError):
                pass
            sys.stdin = None  # the bug: not reopened on os.devnull
        return super()._bootstrap(*args, **kwargs)


get_context, get_all_start_methods = mutant(Process=process_of(StdinSetToNone, globals()))
KILLS = {
    "test_process.py::test_a_child_sees_the_identity_its_parent_gave_it": violated("stdin-open"),
}
