"""shared-memory-dict 0.7.2 with SHARED_MEMORY_USE_LOCK=1: the "multiprocessing.Lock on write
operations" is created when the module is imported (shared_memory_dict/lock.py: ``_lock =
Lock()``), so every process that imports it - spawn and forkserver children, or independent
processes as in the README's two-shell example - has a lock of its own; only fork children of
the importing process share it (upstream issue #61 has the same cause).

Needs: pip install shared-memory-dict==0.7.2 (stdlib otherwise).  Exit 1 = reproduced.
"""

import os

os.environ["SHARED_MEMORY_USE_LOCK"] = "1"  # before the import: the library reads it once

import multiprocessing  # noqa: E402
import sys  # noqa: E402

import shared_memory_dict.lock as smd_lock  # noqa: E402


def child(answers):
    got = smd_lock._lock.acquire(False)
    answers.put(got)
    if got:
        smd_lock._lock.release()


if __name__ == "__main__":
    private = False
    for method in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context(method)
        answers = ctx.Queue()
        smd_lock._lock.acquire()  # the parent holds its write lock
        process = ctx.Process(target=child, args=(answers,))
        process.start()
        got = answers.get(timeout=30)
        process.join(10)
        smd_lock._lock.release()
        print(f"{method:10}: the parent holds the write lock; the child's acquire(False) -> {got}")
        private |= got is True
    print("FAIL: the write lock is not shared with the child" if private else "PASS")
    sys.exit(1 if private else 0)
