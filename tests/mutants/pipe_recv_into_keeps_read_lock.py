"""Bug: the connection serialises its readers with a lock, and recv_bytes_into() acquires and
releases it without try/finally: once it has raised BufferTooShort the lock stays held and the
next receive on the connection blocks for ever.  (The real Connection takes no lock; a lock
taken around a call must be released on its error paths too.)"""

import threading

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


def read_lock(conn):
    """The connection's read lock, made on first use (dict.setdefault is atomic)."""
    return conn.__dict__.setdefault("_read_lock", threading.Lock())


class ReadLockedConnection(connection.Connection):
    def recv_bytes(self, maxlength=None):
        with read_lock(self):
            return super().recv_bytes(maxlength)

    def recv(self):
        with read_lock(self):
            return super().recv()

    def recv_bytes_into(self, buf, offset=0):
        lock = read_lock(self)
        lock.acquire()
        size = super().recv_bytes_into(buf, offset)  # the bug: a raise skips the release
        lock.release()
        return size


get_context, get_all_start_methods = mutant(Pipe=pipe_of(ReadLockedConnection))
KILLS = {
    "test_pipe.py::test_too_short_buffer_raises_buffer_too_short_with_whole_message":
        violated("blocked"),
}
