"""Small helpers shared by actors."""

import importlib
import time


def pause(seconds):
    """Widen a race window; never relied upon for ordering."""
    if seconds:
        time.sleep(seconds)


def idle(*_):
    """Do nothing: what start-up benchmarks and harness self-tests run."""
    return None


def context(module_name, method):
    """The implementation's context in a child (it arrives by name: contexts are not sent)."""
    return importlib.import_module(module_name).get_context(method)
