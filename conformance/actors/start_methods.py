"""What children run for the start-method invariants (stdlib only).

``MARK`` is set by the parent at run time, after this module was imported: a forked child
inherits the parent's memory and sees it, a child started by a fresh interpreter (spawn, or the
fork server, which was started that way) sees the value set at import.
"""

import os
import sys

UNMARKED = 0
MARK = UNMARKED


def report_start(parent_pid):
    """How this process was started: (whether it inherited the parent's ``MARK``, whether its
    parent process is the one that asked for it)."""
    return MARK != UNMARKED, os.getppid() == parent_pid


def report_loaded(conn, names):
    """Send which of ``names`` this process already has in ``sys.modules``."""
    conn.send({name: name in sys.modules for name in names})
    conn.close()


def fork_while_threaded(module_name):
    """Start and join a fork-context process while a second thread runs; return the warnings
    raised meanwhile as (category name, message) pairs."""
    import importlib
    import threading
    import warnings

    from conformance.actors.common import idle

    fork = importlib.import_module(module_name).get_context("fork")
    release = threading.Event()
    helper = threading.Thread(target=release.wait, name="second thread", daemon=True)
    helper.start()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            child = fork.Process(target=idle)
            child.start()
        child.join()
    finally:
        release.set()
        helper.join()
    return [(w.category.__name__, str(w.message)) for w in caught]


def leak_semaphores(module_name, methods, path):
    """Make a Lock in each of ``methods``' contexts, write their semaphores' names to ``path``,
    and exit at once: no finalizer runs, so the names stay registered with the resource tracker
    and only the tracker can unlink them."""
    import importlib

    module = importlib.import_module(module_name)
    locks = [module.get_context(method).Lock() for method in methods]  # alive until the exit:
    # a collected Lock's finalizer would unlink its semaphore itself
    # The name of a SemLock's semaphore is not public; CPython and its drop-ins keep it here.
    names = [lock._semlock.name for lock in locks]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(names))
    os._exit(0)
