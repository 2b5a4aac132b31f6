"""Bug: recv_bytes_into() copies the message without first checking that it fits after the
offset: the copy fills what room there is and the call returns the message's size.  The real
Connection raises BufferTooShort (carrying the whole message) when the room is too short."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class UncheckedIntoConnection(connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        self._check_closed()
        self._check_readable()
        with memoryview(buf) as m:
            itemsize = m.itemsize
            bytesize = itemsize * len(m)
            if offset < 0:
                raise ValueError("negative offset")
            elif offset > bytesize:
                raise ValueError("offset too large")
            result = self._recv_bytes()
            size = result.tell()
            # the bug: no "if bytesize < offset + size: raise BufferTooShort(...)"
            result.seek(0)
            result.readinto(m[offset // itemsize:(offset + size) // itemsize])
            return size


get_context, get_all_start_methods = mutant(Pipe=pipe_of(UncheckedIntoConnection))
KILLS = {
    "test_pipe.py::test_too_short_buffer_raises_buffer_too_short_with_whole_message":
        violated("returned"),
}
