"""The entry point of every child process the kit starts.

A child runs one actor (a plain function from ``conformance.actors``) on plain data and the
primitives under test, then writes what the actor observed to a report file.  A gated child
first waits at the start gate, so that all children of a scenario begin together instead of
staggered by their start-up time (which would hide races).  The file, not the
implementation under test, carries the evidence home.  On POSIX, SIGUSR1 makes the child dump
every thread's stack, which is how a deadline failure shows where a child was stuck.
"""

import faulthandler
import os
import pickle
import signal
import threading
import time

STACK_SIGNAL = getattr(signal, "SIGUSR1", None)


ORPHAN_CHECK = 0.5  # seconds between looks at whether the kit's process is gone
GO = 0  # gate board: slot GO opens the gate, slot 1 + i says child i is waiting at it


def run(actor, args, report_path, stack_path, gate=None):
    watch_for_orphaning()
    with open(stack_path, "w") as stack_file:
        if STACK_SIGNAL is not None:
            faulthandler.register(STACK_SIGNAL, file=stack_file, all_threads=True)
        try:
            if gate is not None:
                wait_at_gate(*gate)
            report = {"returned": actor(*args)}
        except BaseException:  # the parent judges every exception, including SystemExit
            import traceback  # only on failure: it costs a child 2 ms to import

            report = {"raised": traceback.format_exc()}
        write_report(report_path, report)


def watch_for_orphaning():
    """Exit if the process that started this child dies without cleaning up (killed by a
    signal), instead of staying blocked in a primitive forever."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK)
        os._exit(3)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


def wait_at_gate(board, index, deadline):
    board[1 + index] = 1
    if not board.wait_until(GO, 1, deadline):
        raise RuntimeError("the start gate never opened")


def write_report(path, report):
    partial = path + ".partial"
    with open(partial, "wb") as f:
        pickle.dump(report, f)
    os.replace(partial, path)
