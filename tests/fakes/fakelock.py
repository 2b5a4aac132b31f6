"""A fake inter-process lock library, to test adapters without third-party packages: a lock file
locked with flock(2).  ``FileLock`` is correct; ``ClosingFileLock`` has one realistic bug."""

import fcntl
import os
import time

POLL = 0.001


class FileLock:
    """``acquire(blocking=True, timeout=None) -> bool`` and ``release()`` by the holder, as
    the fake library documents them."""

    def __init__(self, path):
        self.path = path
        self.fd = None

    def try_lock(self):
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def acquire(self, blocking=True, timeout=None):
        end = None if timeout is None else time.monotonic() + timeout
        while not self.try_lock():
            if not blocking or (end is not None and time.monotonic() >= end):
                return False
            time.sleep(POLL)
        return True

    def release(self):
        if self.fd is None:
            raise RuntimeError("release of a lock this object does not hold")
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None


class ClosingFileLock(FileLock):
    """Bug: closes the lock file as soon as it is locked (to spare a descriptor per held
    lock), and closing the last descriptor of a flock(2) drops the lock."""

    def try_lock(self):
        if not super().try_lock():
            return False
        os.close(self.fd)
        self.fd = -1
        return True

    def release(self):
        if self.fd is None:
            raise RuntimeError("release of a lock this object does not hold")
        self.fd = None
