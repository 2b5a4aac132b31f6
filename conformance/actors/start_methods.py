"""What children run for the start-method invariants (stdlib only)."""

import sys


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
