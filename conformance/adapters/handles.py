"""Picklable handles on a library's inter-process objects: each process opens its own object by
name or path, as the libraries document ("pass the name, reopen in the other process").

A handle pickles as its name; every process (a forked child too, which never uses the object it
inherited) opens the library object on first use.  The creating process removes the name when
the handle is collected, or at exit: only the creator, so that a child dropping its copy cannot
pull the name from under the others.
"""

import atexit
import contextlib
import os
import secrets
import shutil
import tempfile
import weakref

_lock_dir = {}  # {pid: the folder of that process's lock files}


class PerProcess:
    """A handle: ``opened()`` is this process's library object.  Subclasses say how to open one
    (``open``) and how the creator disposes of the name and of what it created (``dispose``)."""

    def __init__(self, name, created=None):
        self.name = name
        self._pid = os.getpid() if created is not None else None
        self._opened = created
        weakref.finalize(self, type(self).dispose_if_creator, name, created, os.getpid())

    def opened(self):
        if self._pid != os.getpid():
            self._opened, self._pid = self.open(), os.getpid()
        return self._opened

    def __getstate__(self):
        return {"name": self.name}

    def __setstate__(self, state):
        self.name = state["name"]
        self._pid = self._opened = None

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"

    def open(self):
        raise NotImplementedError

    @classmethod
    def dispose_if_creator(cls, name, created, creator):
        if os.getpid() == creator:
            cls.dispose(name, created)

    @staticmethod
    def dispose(name, created):
        raise NotImplementedError


class PerProcessAcquirer(PerProcess):
    """A handle on a lock or semaphore: ``release()`` and the ``with`` block are the opened
    library object's; subclasses say how to ``acquire``."""

    def release(self):
        self.opened().release()

    def __enter__(self):
        self.opened().__enter__()
        return True

    def __exit__(self, *exc_info):
        self.opened().__exit__(*exc_info)


def nonblocking(block, timeout):
    """Whether ``acquire(block, timeout)`` is one attempt: multiprocessing — Lock.acquire: with
    block False the timeout "is ignored"; "a negative value for timeout [is] equivalent to a
    timeout of zero"."""
    return not block or (timeout is not None and timeout <= 0)


def unique_name(prefix=""):
    return f"{prefix}mpc-{os.getpid()}-{secrets.token_hex(6)}"


def lock_path():
    """A fresh lock file path in a folder of this process's own, removed at its exit."""
    pid = os.getpid()
    if pid not in _lock_dir:
        _lock_dir[pid] = tempfile.mkdtemp(prefix="mpc-adapter-locks-")
        atexit.register(remove_lock_dir, _lock_dir[pid], pid)
    return os.path.join(_lock_dir[pid], unique_name())


def remove_lock_dir(path, creator):
    if os.getpid() == creator:
        shutil.rmtree(path, ignore_errors=True)


def remove_file(path):
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
