"""Facts about the platform under test, recorded with every result."""

import os
import platform
import sys


def platform_facts(module, methods):
    return {
        "os": platform.system().lower(),
        "os_release": platform.release(),
        "machine": platform.machine(),
        "interpreter": sys.implementation.name,
        "python": platform.python_version(),
        "implementation": module.__name__,
        "implementation_version": implementation_version(module),
        "start_methods": list(methods),
        "cpu_count": os.cpu_count(),
    }


def implementation_version(module):
    version = getattr(module, "__version__", None)
    if version is None and module.__name__ == "multiprocessing":
        return platform.python_version()  # the standard library's version is Python's
    return str(version) if version is not None else "unknown"


def target_label(facts):
    """A short name for a platform: ``linux cpython 3.11.7 multiprocessing``."""
    return " ".join([facts["os"], facts["interpreter"], facts["python"],
                     facts["implementation"]])
