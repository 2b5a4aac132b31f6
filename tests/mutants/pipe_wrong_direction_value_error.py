"""Bug: using an end of a one-way pipe in the wrong direction raises ValueError("connection is
write-only" / "read-only"), modelled on a file opened in the other mode, instead of
OSError."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class ModeCheckingConnection(connection.Connection):
    def _check_readable(self):
        if not self._readable:
            raise ValueError("connection is write-only")  # the bug: not OSError

    def _check_writable(self):
        if not self._writable:
            raise ValueError("connection is read-only")  # the bug: not OSError


get_context, get_all_start_methods = mutant(Pipe=pipe_of(ModeCheckingConnection))
KILLS = {
    "test_pipe.py::test_one_way_pipe_refuses_the_wrong_direction": violated("raised-other"),
}
