"""Bug: send() takes a fast path for ``str``, sending its UTF-8 bytes behind a tag instead of a
pickle, and recv() strips the tag but forgets to decode: a str arrives as bytes (``"last"`` as
``b"last"``).  The real send() pickles every object, so recv() returns an equal str."""

from multiprocessing import connection
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, pipe_of, violated

TEXT_TAG = b"T"  # a pickle starts with its PROTO opcode, b"\x80"


class TextFastPathConnection(connection.Connection):
    def send(self, obj):
        self._check_closed()
        self._check_writable()
        if type(obj) is str:
            self._send_bytes(memoryview(TEXT_TAG + obj.encode("utf-8")))
        else:
            self._send_bytes(ForkingPickler.dumps(obj))

    def recv(self):
        self._check_closed()
        self._check_readable()
        data = self._recv_bytes().getvalue()
        if data[:1] == TEXT_TAG:
            return data[1:]  # the bug: no .decode("utf-8")
        return ForkingPickler.loads(data)


get_context, get_all_start_methods = mutant(Pipe=pipe_of(TextFastPathConnection))
KILLS = {
    "test_pipe.py::test_one_way_pipe_refuses_the_wrong_direction": violated("altered"),
    "test_pipe.py::test_recv_after_peer_closed_raises_eof": violated("altered"),
    "test_pipe.py::test_send_of_unpicklable_raises_and_sends_nothing": violated("altered"),
}
