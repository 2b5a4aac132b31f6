"""Bug: send() takes a fast path for plain data — whatever ``json.dumps`` accepts — and sends it
as JSON, falling back to pickle for everything else; JSON has no tuple, so a tuple arrives as a
list (``("pong", "ping")`` as ``["pong", "ping"]``).  The real send() pickles every object, and
recv() returns an equal object of the same type."""

import json

from multiprocessing import connection
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, pipe_of, violated

JSON_TAG = b"J"  # a pickle starts with its PROTO opcode, b"\x80"


class JsonFastPathConnection(connection.Connection):
    def send(self, obj):
        self._check_closed()
        self._check_writable()
        try:
            data = JSON_TAG + json.dumps(obj).encode()  # the bug: tuples pass as lists
        except (TypeError, ValueError):
            data = ForkingPickler.dumps(obj)
        self._send_bytes(memoryview(data))

    def recv(self):
        self._check_closed()
        self._check_readable()
        data = self._recv_bytes().getvalue()
        if data[:1] == JSON_TAG:
            return json.loads(data[1:])
        return ForkingPickler.loads(data)


get_context, get_all_start_methods = mutant(Pipe=pipe_of(JsonFastPathConnection))
KILLS = {
    "test_pipe.py::test_connection_sent_over_connection_works": violated("unanswered"),
}
