"""Bug: send() reports any failure to pickle the object as pickle.PicklingError ("cannot send
...") instead of letting the pickling error itself reach the caller."""

import pickle
from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class WrappingConnection(connection.Connection):
    def send(self, obj):
        self._check_closed()
        self._check_writable()
        try:
            data = connection._ForkingPickler.dumps(obj)
        except Exception as exc:  # the bug: the caller gets another exception type
            raise pickle.PicklingError(f"cannot send {type(obj).__name__}: {exc}") from exc
        self._send_bytes(data)


get_context, get_all_start_methods = mutant(Pipe=pipe_of(WrappingConnection))
KILLS = {
    "test_pipe.py::test_send_of_unpicklable_raises_and_sends_nothing": violated("raised-other"),
}
