"""Bug: the implementation defines its own ``BufferTooShort(Exception)``, which its connections
raise and its context exports, instead of deriving it from ProcessError as multiprocessing's
BufferTooShort is."""

import functools
import multiprocessing

from multiprocessing import connection

from tests.mutants.base import MutantContext, pipe_of, violated


class BufferTooShort(Exception):  # the bug: not a ProcessError
    pass


class OwnBufferTooShortConnection(connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        try:
            return super().recv_bytes_into(buf, offset)
        except multiprocessing.BufferTooShort as exc:
            raise BufferTooShort(*exc.args) from None


class OwnBufferTooShortContext(MutantContext):
    BufferTooShort = BufferTooShort


@functools.lru_cache(maxsize=None)
def get_context(method=None):
    return OwnBufferTooShortContext(multiprocessing.get_context(method),
                                    {"Pipe": pipe_of(OwnBufferTooShortConnection)})


get_all_start_methods = multiprocessing.get_all_start_methods
KILLS = {
    "test_pipe.py::test_too_short_buffer_raises_buffer_too_short_with_whole_message":
        violated("not-a-process-error"),
    "test_pipe.py::test_exception_hierarchy": violated("outside-hierarchy"),
}
