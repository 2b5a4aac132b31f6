"""Known deviations: where a platform is expected not to keep a promise.

An expectations file is TOML with one ``[[deviation]]`` table per known deviation::

    [[deviation]]
    invariant = "test_semaphore.py::test_bounded_over_release_raises"   # fnmatch pattern
    outcome = "violated"                  # or "timed out"
    reason = "macOS cannot read a semaphore's value, so over-release goes undetected"
    link = "https://docs.python.org/3/library/multiprocessing.html#multiprocessing.BoundedSemaphore"
    intermittent = false                  # true: shows only for some drawn examples or runs
    [deviation.when]                      # every key optional; all given keys must match
    os = ["darwin"]                       # platform.system().lower()
    interpreter = ["cpython"]             # sys.implementation.name
    python = ">=3.9,<3.14"                # a version specifier
    implementation = ["multiprocessing"]  # --mp-impl
    start_method = ["spawn"]
    provider = ["native"]

A result that matches a deviation and shows its outcome is a *known deviation*; one that
passes instead is an *unexpected pass* (the expectation is out of date), unless the deviation
is ``intermittent``: then a pass is a pass (the run did not draw the example that shows it).
"""

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SHIPPED = Path(__file__).with_name("expectations.toml")
OUTCOMES = ("violated", "timed out")
CONDITIONS = ("os", "interpreter", "python", "implementation", "start_method", "provider")


class ExpectationError(ValueError):
    """An expectations file is malformed."""


@dataclass(frozen=True)
class Deviation:
    invariant: str
    outcome: str
    reason: str
    link: str = ""
    intermittent: bool = False
    when: dict = field(default_factory=dict)
    source: str = ""

    def applies(self, invariant_id, facts):
        """Does this deviation cover ``invariant_id`` (``file::test``) on this platform?"""
        if not fnmatch.fnmatchcase(invariant_id, self.invariant):
            return False
        return all(self._condition_holds(key, wanted, facts) for key, wanted in self.when.items())

    @staticmethod
    def _condition_holds(key, wanted, facts):
        if key == "python":
            return Version(facts["python"]) in SpecifierSet(wanted)
        return facts[key] in ([wanted] if isinstance(wanted, str) else wanted)


def load(path):
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ExpectationError(f"{path}: {exc}") from exc
    return [parse(entry, f"{path}#{number}")
            for number, entry in enumerate(data.get("deviation", []), start=1)]


def parse(entry, source):
    missing = {"invariant", "outcome", "reason"} - set(entry)
    if missing:
        raise ExpectationError(f"{source}: missing {', '.join(sorted(missing))}")
    if entry["outcome"] not in OUTCOMES:
        raise ExpectationError(f"{source}: outcome must be one of {OUTCOMES}")
    unknown = set(entry.get("when", {})) - set(CONDITIONS)
    if unknown:
        raise ExpectationError(f"{source}: unknown conditions {sorted(unknown)}")
    if not isinstance(entry.get("intermittent", False), bool):
        raise ExpectationError(f"{source}: intermittent must be true or false")
    extra = set(entry) - {"invariant", "outcome", "reason", "link", "intermittent", "when"}
    if extra:
        raise ExpectationError(f"{source}: unknown keys {sorted(extra)}")
    return Deviation(entry["invariant"], entry["outcome"], entry["reason"],
                     entry.get("link", ""), entry.get("intermittent", False),
                     dict(entry.get("when", {})), source)


def find(deviations, invariant_id, facts):
    return next((d for d in deviations if d.applies(invariant_id, facts)), None)
