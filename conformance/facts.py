"""Facts about the platform under test, recorded with every result."""

import functools
import os
import platform
import sys


def platform_facts(implementations, methods):
    """The machine and interpreter; ``implementations``: {module name: version}."""
    facts = {
        "os": platform.system().lower(),
        "os_release": platform.release(),
        "machine": platform.machine(),
        "interpreter": sys.implementation.name,
        "python": platform.python_version(),
        "implementations": dict(implementations),
        "start_methods": list(methods),
        "cpu_count": os.cpu_count(),
    }
    if len(implementations) == 1:  # the usual run: one implementation, named at the top
        ((name, version),) = implementations.items()
        facts.update(implementation=name, implementation_version=version)
    return facts


def implementation_version(module):
    """``__version__``, else the version of the distribution that installed the module (read
    with importlib.metadata), else Python's for the standard library, else "unknown"."""
    version = getattr(module, "__version__", None)
    if version is not None:
        return str(version)
    if hasattr(module, "versions"):  # an adapter: its libraries' versions
        return ", ".join(f"{name} {found}" for name, found in module.versions().items())
    if module.__name__ == "multiprocessing":
        return platform.python_version()  # the standard library's version is Python's
    from importlib import metadata

    top = module.__name__.partition(".")[0]
    try:
        distributions = installed_packages().get(top, [])
    except AttributeError:  # Python < 3.10 has no packages_distributions
        distributions = [top]
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


@functools.lru_cache(maxsize=None)
def installed_packages():
    """{top-level package: distributions providing it}: read once, as it reads the metadata of
    every installed distribution (a fifth of a second here, per implementation named)."""
    from importlib import metadata

    return metadata.packages_distributions()


def target_label(facts):
    """A short name for a platform: ``linux cpython 3.11.7 multiprocessing``."""
    return " ".join([facts["os"], facts["interpreter"], facts["python"],
                     facts["implementation"]])
