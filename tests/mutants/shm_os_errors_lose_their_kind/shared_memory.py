"""Bug: SharedMemory wraps the OS errors of opening and unlinking a block in a plain OSError,
dropping the errno and so FileNotFoundError and FileExistsError."""

from multiprocessing import shared_memory as _stdlib
from multiprocessing.shared_memory import ShareableList  # noqa: F401 (unchanged)


class SharedMemory(_stdlib.SharedMemory):
    def __init__(self, name=None, create=False, size=0, **options):
        try:
            super().__init__(name, create, size, **options)
        except OSError as exc:  # the bug: a message of its own, without the errno
            raise OSError(f"cannot open shared memory block {name!r}: {exc.strerror}") from exc

    def unlink(self):
        try:
            super().unlink()
        except OSError as exc:
            raise OSError(f"cannot unlink shared memory block {self.name!r}: "
                          f"{exc.strerror}") from exc
