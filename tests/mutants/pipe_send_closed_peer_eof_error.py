"""Bug: send() to a connection whose peer has closed raises EOFError, the error recv() gives for
a closed peer, instead of letting the write's BrokenPipeError through."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class EofOnSendConnection(connection.Connection):
    def _send(self, buf, *args):
        try:
            super()._send(buf, *args)
        except BrokenPipeError as exc:
            raise EOFError("the other end of the connection is closed") from exc  # the bug


get_context, get_all_start_methods = mutant(Pipe=pipe_of(EofOnSendConnection))
KILLS = {
    "test_pipe.py::test_send_to_closed_peer_raises_broken_pipe": violated("raised-other"),
}
