"""Bug: poll() asks how many bytes are waiting (ioctl FIONREAD) instead of whether a read would
block: once the peer has closed and everything is read, the EOF — readable, with no bytes —
is reported as nothing to read.  The real poll() says True at EOF (recv() then raises
EOFError at once)."""

import array

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


def bytes_waiting(conn):
    import fcntl  # POSIX only: imported where the bug runs
    import termios

    count = array.array("i", [0])
    fcntl.ioctl(conn.fileno(), termios.FIONREAD, count, True)
    return count[0]


class ByteCountPollConnection(connection.Connection):
    def _poll(self, timeout):
        if bytes_waiting(self):
            return True
        if not connection.wait([self], timeout):
            return False
        return bytes_waiting(self) > 0  # the bug: readable at EOF with no bytes waiting


get_context, get_all_start_methods = mutant(Pipe=pipe_of(ByteCountPollConnection))
KILLS = {
    "test_pipe.py::test_recv_after_peer_closed_raises_eof": violated("not-readable"),
}
