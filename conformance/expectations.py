"""Known deviations: where a platform is expected not to keep a promise, and exactly how.

An expectations file is TOML with one ``[[deviation]]`` table per known deviation::

    [[deviation]]
    invariant = "test_semaphore.py::test_bounded_*"    # fnmatch pattern of file::invariant
    outcome = "violated"                  # "violated", "error" or "timed out"
    forbidden = ["differs"]               # violated: the forbidden outcomes it shows
    evidence = "*release() returned None*"  # violated, optional: every shown evidence matches
    raises = ["AttributeError"]           # error: the exception type(s) it shows
    stuck_in = "Lock.acquire*"            # timed out: what is stuck (fnmatch pattern)
    reason = "macOS cannot read a semaphore's value, so over-release goes undetected"
    link = "https://docs.python.org/3/library/multiprocessing.html#..."
    intermittent = false                  # true: shows only for some drawn examples or runs
    [deviation.when]                      # every key but implementation optional
    implementation = ["billiard"]         # --mp-impl names, or "any" (said explicitly)
    os = ["darwin"]                       # platform.system().lower()
    interpreter = ["cpython"]             # sys.implementation.name
    python = ">=3.9,<3.14"                # a version specifier
    start_method = ["spawn"]
    provider = ["native"]

A result is a *known deviation* when an entry applies to it (invariant and conditions) and it
shows exactly what the entry says: the same outcome class and the same forbidden outcomes,
exception types or stuck call.  An error is never excused by a violated entry.  A result that
passes where a non-intermittent entry applies is an *unexpected pass*: the entry is out of date.
"""

import fnmatch
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from conformance import outcomes

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SHIPPED = Path(__file__).with_name("expectations.toml")
CONDITIONS = ("implementation", "os", "interpreter", "python", "start_method", "provider")
ANY = "any"
SHOWS = {outcomes.VIOLATED: "forbidden", outcomes.ERROR: "raises",
         outcomes.TIMED_OUT: "stuck_in"}
KEYS = {"invariant", "outcome", "reason", "link", "intermittent", "when", "forbidden",
        "evidence", "raises", "stuck_in"}


class ExpectationError(ValueError):
    """An expectations file is malformed; the message names the file, line and key."""


@dataclass(frozen=True)
class Deviation:
    invariant: str
    outcome: str
    reason: str
    link: str = ""
    intermittent: bool = False
    when: dict = field(default_factory=dict)
    forbidden: tuple = ()
    evidence: str = ""
    raises: tuple = ()
    stuck_in: str = ""
    source: str = ""

    def applies(self, invariant_id, facts):
        """Does this entry cover ``invariant_id`` (``file::test``) on this platform?"""
        if not fnmatch.fnmatchcase(invariant_id, self.invariant):
            return False
        return all(self._condition_holds(key, wanted, facts) for key, wanted in self.when.items())

    @staticmethod
    def _condition_holds(key, wanted, facts):
        if key == "python":
            from packaging.specifiers import SpecifierSet
            from packaging.version import Version

            return Version(facts["python"]) in SpecifierSet(wanted)
        if wanted == ANY:
            return True
        return facts[key] in ([wanted] if isinstance(wanted, str) else wanted)

    def shows(self, result):
        """Does ``result`` (outcome and its fields) show exactly this deviation?"""
        if result["outcome"] != self.outcome:
            return False
        if self.outcome == outcomes.VIOLATED:
            seen = result["violation"]["forbidden"]
            evidence = result["violation"]["evidence"]
            shown = [item for name in seen for item in evidence.get(name, ())]
            return bool(seen) and set(seen) <= set(self.forbidden) and (
                not self.evidence or all(fnmatch.fnmatchcase(item, self.evidence)
                                         for item in shown))
        if self.outcome == outcomes.ERROR:
            return result["error"]["type"] in self.raises
        return fnmatch.fnmatchcase(result["stuck"]["stuck_in"], self.stuck_in)

    def describe(self):
        shown = {outcomes.VIOLATED: f"forbidden {', '.join(self.forbidden)}",
                 outcomes.ERROR: f"raises {', '.join(self.raises)}",
                 outcomes.TIMED_OUT: f"stuck in {self.stuck_in}"}[self.outcome]
        return f"{self.outcome} ({shown})"


def load(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ExpectationError(f"{path}: {exc}") from exc
    lines = entry_lines(text)
    entries = data.get("deviation", [])
    unknown_tables = set(data) - {"deviation"}
    if unknown_tables:
        raise ExpectationError(f"{path}: unknown tables {sorted(unknown_tables)} (only "
                               f"[[deviation]])")
    return [parse(entry, Locator(path, lines[index] if index < len(lines) else (0, len(text)),
                                 text))
            for index, entry in enumerate(entries)]


def entry_lines(text):
    """(first line, last line) of each ``[[deviation]]`` entry, 1-based."""
    all_lines = text.splitlines()
    starts = [number for number, line in enumerate(all_lines, start=1)
              if line.strip().startswith("[[deviation]]")]
    return [(start, (starts[i + 1] - 1) if i + 1 < len(starts) else len(all_lines))
            for i, start in enumerate(starts)]


class Locator:
    """Names where in a file an entry's key is, for error messages."""

    def __init__(self, path, span, text):
        self.path = path
        self.span = span
        self.lines = text.splitlines()

    def line_of(self, key):
        first, last = self.span
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(first, last + 1):
            if number <= len(self.lines) and pattern.match(self.lines[number - 1]):
                return number
        return first

    def error(self, key, problem):
        return ExpectationError(f"{self.path}:{self.line_of(key)}: {key}: {problem}")

    @property
    def source(self):
        return f"{self.path.name}:{self.span[0]}"


def parse(entry, where):
    """One ``[[deviation]]`` table, checked key by key."""
    if not isinstance(where, Locator):  # a bare source name (tests, inline entries)
        where = Locator(Path(str(where)), (1, 1), "")
    for key in ("invariant", "outcome", "reason"):
        if key not in entry:
            raise where.error(key, "missing")
    extra = set(entry) - KEYS
    if extra:
        key = sorted(extra)[0]
        raise where.error(key, f"unknown key (known: {', '.join(sorted(KEYS))})")
    outcome = entry["outcome"]
    if outcome not in outcomes.DEVIATING:
        raise where.error("outcome", f"must be one of {', '.join(outcomes.DEVIATING)}, "
                                     f"got {outcome!r}")
    needed = SHOWS[outcome]
    if not entry.get(needed):
        raise where.error(needed, f"missing: a {outcome} entry says what it shows "
                                  f"({needed} = ...)")
    for other_outcome, key in SHOWS.items():
        if key in entry and other_outcome != outcome:
            raise where.error(key, f"belongs to {other_outcome} entries, not {outcome}")
    if "evidence" in entry and outcome != outcomes.VIOLATED:
        raise where.error("evidence", "belongs to violated entries")
    if not isinstance(entry.get("intermittent", False), bool):
        raise where.error("intermittent", "must be true or false")
    when = entry.get("when", {})
    if not isinstance(when, dict):
        raise where.error("when", "must be a table ([deviation.when])")
    unknown = set(when) - set(CONDITIONS)
    if unknown:
        raise where.error(sorted(unknown)[0], f"unknown condition (known: "
                                              f"{', '.join(CONDITIONS)})")
    if "implementation" not in when:
        raise where.error("when", "says which implementation it applies to: "
                                  "implementation = [...], or implementation = \"any\"")
    if "python" in when:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet

        try:
            SpecifierSet(when["python"])
        except InvalidSpecifier as exc:
            raise where.error("python", str(exc)) from None
    return Deviation(entry["invariant"], outcome, entry["reason"], entry.get("link", ""),
                     entry.get("intermittent", False), dict(when),
                     forbidden=tuple(as_list(entry.get("forbidden"))),
                     evidence=entry.get("evidence", ""),
                     raises=tuple(as_list(entry.get("raises"))),
                     stuck_in=entry.get("stuck_in", ""), source=where.source)


def as_list(value):
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def applicable(deviations, invariant_id, facts):
    return [d for d in deviations if d.applies(invariant_id, facts)]


def judge(deviations, invariant_id, facts, result):
    """(outcome, deviation) for a result given the known deviations: a known deviation when an
    applicable entry shows exactly what was seen; an unexpected pass when the result passed
    although a non-intermittent entry applies; else the result's own outcome."""
    entries = applicable(deviations, invariant_id, facts)
    for entry in entries:
        if entry.shows(result):
            return outcomes.KNOWN_DEVIATION, entry
    if result["outcome"] == outcomes.PASSED:
        stale = [entry for entry in entries if not entry.intermittent]
        if stale:
            return outcomes.UNEXPECTED_PASS, stale[0]
        if entries:
            return outcomes.PASSED, entries[0]
    return result["outcome"], None
