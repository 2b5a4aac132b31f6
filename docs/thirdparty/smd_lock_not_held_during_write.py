"""shared-memory-dict 0.7.2 with SHARED_MEMORY_USE_LOCK=1: the write lock is not held while a
write runs, so two concurrent writers lose a key even under fork, where the lock is shared.

shared_memory_dict/dict.py decorates the generator function ``_modify_db`` with ``@lock`` under
``@contextmanager``: the lock is taken and released around *creating* the generator only; the
read-modify-write of the whole dict (``__setitem__``, ``__delitem__``, ``update``, ``pop`` ...)
then runs unlocked.  A serializer (the public ``serializer=`` parameter) that sleeps 0.3 s makes
the race certain and checks whether the lock is free while a write serializes.

Needs: pip install shared-memory-dict==0.7.2 (stdlib otherwise); fork (Linux).  Exit 1 =
reproduced.
"""

import os

os.environ["SHARED_MEMORY_USE_LOCK"] = "1"  # before the import: the library reads it once

import multiprocessing  # noqa: E402
import pickle  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import shared_memory_dict.lock as smd_lock  # noqa: E402
from shared_memory_dict import SharedMemoryDict  # noqa: E402


class SlowPickle:
    def dumps(self, obj):
        free = smd_lock._lock.acquire(False)  # a held (non-recursive) Lock would refuse
        if free:
            smd_lock._lock.release()
        print(f"  pid {os.getpid()}: the write lock is free while writing: {free}", flush=True)
        time.sleep(0.3)
        return pickle.dumps(obj)

    def loads(self, data):
        return pickle.loads(data)


def writer(name, key, barrier):
    shared = SharedMemoryDict(name=name, size=4096, serializer=SlowPickle())
    barrier.wait(10)
    shared[key] = 1


if __name__ == "__main__":
    ctx = multiprocessing.get_context("fork")
    name = f"smd_repro_{os.getpid()}"
    shared = SharedMemoryDict(name=name, size=4096)
    barrier = ctx.Barrier(2)
    writers = [ctx.Process(target=writer, args=(name, key, barrier)) for key in ("a", "b")]
    for process in writers:
        process.start()
    for process in writers:
        process.join(10)
    keys = sorted(shared.keys())
    shared.shm.close()
    shared.shm.unlink()
    print(f"two processes wrote d['a'] and d['b']; keys afterwards: {keys}")
    lost = keys != ["a", "b"]
    print("FAIL: a write was lost with SHARED_MEMORY_USE_LOCK=1" if lost else "PASS")
    sys.exit(1 if lost else 0)
