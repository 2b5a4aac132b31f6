"""shared-memory-dict 0.7.2 with SHARED_MEMORY_USE_LOCK=1: processes writing distinct keys into
one SharedMemoryDict at the same time lose some of their keys, under every start method.

The README promises "multiprocessing.Lock on write operations" with SHARED_MEMORY_USE_LOCK=1;
this is the workload of mp-conformance's test_every_workers_write_is_reflected (4 writers x 80
keys of their own, started together).

Needs: pip install shared-memory-dict==0.7.2 (stdlib otherwise).  Exit 1 = reproduced.
"""

import os

os.environ["SHARED_MEMORY_USE_LOCK"] = "1"  # before the import: the library reads it once

import multiprocessing  # noqa: E402
import sys  # noqa: E402

from shared_memory_dict import SharedMemoryDict  # noqa: E402

WRITERS, WRITES, SIZE = 4, 80, 64 * 1024
ROUNDS = 10  # per start method, until one loses a write: the race does not show every time


def writer(name, worker, barrier, failures):
    shared = SharedMemoryDict(name=name, size=SIZE)
    barrier.wait(30)
    try:
        for i in range(WRITES):
            shared[f"w{worker}-{i}"] = i
    except Exception as exc:  # a write that raised (it read a half-written dict): report it
        failures.put(f"{type(exc).__name__}: {str(exc)[:60]}")


def run(method):
    """One round: the keys missing afterwards, and the writes that raised."""
    ctx = multiprocessing.get_context(method)
    name = f"smd_repro_{os.getpid()}_{method}"
    shared = SharedMemoryDict(name=name, size=SIZE)
    try:
        barrier, failures = ctx.Barrier(WRITERS), ctx.SimpleQueue()
        writers = [ctx.Process(target=writer, args=(name, w, barrier, failures))
                   for w in range(WRITERS)]
        for process in writers:
            process.start()
        for process in writers:
            process.join(60)
        written = {f"w{w}-{i}" for w in range(WRITERS) for i in range(WRITES)}
        raised = []
        while not failures.empty():
            raised.append(failures.get())
        return sorted(written - set(shared.keys())), raised
    finally:
        shared.shm.close()
        shared.shm.unlink()


if __name__ == "__main__":
    lost_any = False
    for method in multiprocessing.get_all_start_methods():
        for round_ in range(1, ROUNDS + 1):
            missing, raised = run(method)
            if missing:
                break
        lost_any |= bool(missing)
        print(f"{method:10}: {WRITERS} processes x {WRITES} keys of their own, round {round_}: "
              f"{len(missing)} keys missing afterwards"
              + (f", e.g. {', '.join(missing[:3])}" if missing else "")
              + (f"; writes that raised: {raised}" if raised else ""))
    print("FAIL: writes lost with SHARED_MEMORY_USE_LOCK=1" if lost_any else "PASS")
    sys.exit(1 if lost_any else 0)
