"""A fake shared-dict library, to test dict adapters without third-party packages: a dict kept
pickled in a file, each operation done under flock(2) on it."""

import contextlib
import fcntl
import os
import pickle


class FileDict:
    """``d[k] = v``, ``d[k]``, ``d.get(k, default)``, ``len(d)``, ``str(d)``, ``d.update(...)``;
    ``d.read_all()`` is a copy of the whole.  Pickles as its path."""

    def __init__(self, path):
        self.path = path

    @contextlib.contextmanager
    def locked(self):
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with open(fd, "r+b", closefd=False) as f:
                data = f.read()
                content = pickle.loads(data) if data else {}
                before = dict(content)
                yield content
                if content != before:
                    f.seek(0)
                    f.truncate()
                    f.write(pickle.dumps(content))
        finally:
            os.close(fd)

    def __setitem__(self, key, value):
        with self.locked() as content:
            content[key] = value

    def __getitem__(self, key):
        with self.locked() as content:
            return content[key]

    def get(self, key, default=None):
        with self.locked() as content:
            return content.get(key, default)

    def __len__(self):
        with self.locked() as content:
            return len(content)

    def __str__(self):
        with self.locked() as content:
            return str(content)

    def update(self, *args, **kwargs):
        with self.locked() as content:
            content.update(*args, **kwargs)

    def read_all(self):
        with self.locked() as content:
            return dict(content)
