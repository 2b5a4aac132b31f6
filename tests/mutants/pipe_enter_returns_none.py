"""Bug: ``__enter__`` forgets its ``return self``, so ``with conn as c`` binds None; the real
Connection's ``__enter__`` returns the connection itself (``__exit__`` still closes it)."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class NoSelfConnection(connection.Connection):
    def __enter__(self):
        self._check_closed()  # the bug: no return self


get_context, get_all_start_methods = mutant(Pipe=pipe_of(NoSelfConnection))
KILLS = {
    "test_pipe.py::test_closed_connection_refuses_use": violated("not-itself"),
}
