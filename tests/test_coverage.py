"""Every invariant states its promise, cites promises that exist, and is proven able to fail —
under every provider it runs with — by a mutant that produces one of its forbidden outcomes.

``python -m tests.test_coverage`` prints the promise coverage per group and the invariant ×
provider rows no mutant proves (which must be none).
"""

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

import conformance
from conformance.judge import OutcomeTable
from conformance.report import invariant_metadata
from tests.test_mutants import MUTANTS, kills_of, provider_of

PROMISE_ID = re.compile(r"^[A-Z]+-\d+$")
CATALOGUE = Path(conformance.__file__).with_name("promises.tsv")


def catalogue():
    """{promise ID: (kind, group)} from the catalogue shipped with the tests."""
    entries = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ident, kind, group, *_ = line.split("\t")
            entries[ident] = (kind, group)
    return entries


def invariants():
    found = []
    for info in pkgutil.iter_modules(conformance.__path__):
        if info.name.startswith("test_"):
            module = importlib.import_module(f"conformance.{info.name}")
            found += [(f"{info.name}.py::{name}", function)
                      for name, function in inspect.getmembers(module, inspect.isfunction)
                      if name.startswith("test_") and function.__module__ == module.__name__]
    return sorted(found)


INVARIANTS = invariants()
PROMISES = catalogue()


def providers_of(function):
    marks = getattr(function, "pytestmark", [])
    named = [mark.args for mark in marks if mark.name == "providers"]
    return named[0] if named else ("native",)


def unproven_rows():
    """Invariant × provider rows that no mutant shows able to fail."""
    proven = {(invariant, provider_of(mutant)) for mutant in MUTANTS
              for invariant in kills_of(mutant)}
    return sorted((invariant_id, provider) for invariant_id, function in INVARIANTS
                  for provider in providers_of(function)
                  if (invariant_id, provider) not in proven)


def body_of(function):
    """The invariant's own function, under the decorators (``@invariant``, Hypothesis's
    ``@given`` and ``@example``) that wrap it."""
    inner = getattr(getattr(function, "hypothesis", None), "inner_test", function)
    return inspect.unwrap(inner)


# The judge helpers an invariant may call, and the forbidden outcomes each can report.  (A call
# wrapped in ``judged(...)`` that raises is evidence too, but of no particular promise: any
# exception from the call under test; it is not counted as a branch of the judgement.)
HELPER_OUTCOMES = {
    "expect_raises": ("returned", "raised-other"),
    "expect_raises_within": ("blocked", "returned", "raised-other"),
    "expect_returns_within": ("blocked", "raised"),
    "returns_within": ("raised",),
    "never_early": ("early",),
    "expect_linearizable": ("not-linearizable",),
}


def names_used(function, seen=None):
    """The names an invariant's code uses (not its docstring's words), and those of the functions
    of its own module it calls, at any depth: a table may be counted with in a helper."""
    function = body_of(function)
    seen = set() if seen is None else seen
    seen.add(function)
    try:
        source = inspect.getsource(function)
    except OSError:  # made at run time (no source of its own)
        return set()
    tree = ast.parse(textwrap.dedent(source))
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} | \
        {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    module = inspect.getmodule(function)
    for name in list(used):
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper.__module__ == module.__name__ \
                and helper not in seen:
            used |= names_used(helper, seen)
    return used


def declared_forbidden_outcomes():
    """(invariant, forbidden outcome) pairs of the module tables each invariant counts with and
    of the judge helpers it calls."""
    pairs = set()
    for invariant_id, function in INVARIANTS:
        used = names_used(function)
        pairs |= {(invariant_id, outcome)
                  for name, table in vars(inspect.getmodule(function)).items()
                  if isinstance(table, OutcomeTable) and name in used
                  for outcome in table.forbidden}
        pairs |= {(invariant_id, outcome) for helper, outcomes in HELPER_OUTCOMES.items()
                  if helper in used for outcome in outcomes}
    return pairs


def unproduced_forbidden_outcomes():
    """Declared pairs no mutant's kill names as one it must produce (the self-test checks that
    it does): branches of the judgement no bug has been shown to reach."""
    named = {(invariant, outcome) for mutant in MUTANTS
             for invariant, kill in kills_of(mutant).items() for outcome in kill.forbidden}
    return sorted(declared_forbidden_outcomes() - named)


def coverage_by_group():
    """{group: (promises cited, testable promises)}."""
    cited = {ident for _, function in INVARIANTS
             for ident in invariant_metadata(function)["promises"]}
    totals, hits = Counter(), Counter()
    for ident, (kind, group) in PROMISES.items():
        if kind == "promise":
            totals[group] += 1
            hits[group] += ident in cited
    return {group: (hits[group], totals[group]) for group in totals}


def test_there_are_invariants():
    assert len(INVARIANTS) >= 10


@pytest.mark.parametrize("invariant_id, function", INVARIANTS, ids=[i for i, _ in INVARIANTS])
def test_invariant_states_its_promise(invariant_id, function):
    metadata = invariant_metadata(function)
    assert metadata["promise"].endswith("."), "the docstring opens with the promise"
    assert metadata["docs"], "a 'Docs:' line names the Python docs section"
    assert metadata["promises"] and all(PROMISE_ID.match(p) for p in metadata["promises"])
    unknown = [p for p in metadata["promises"] if p not in PROMISES]
    assert not unknown, f"cites promises the catalogue does not have: {unknown}"


def test_every_invariant_and_provider_is_proven_by_a_mutant():
    unproven = unproven_rows()
    print(f"invariant x provider rows no mutant proves able to fail: {len(unproven)}")
    assert unproven == []


def test_every_forbidden_outcome_is_produced_by_a_mutant():
    """Each branch of each invariant's judgement (a forbidden outcome of its tables or of the
    judge helpers it calls) is reached by a mutant that must produce it."""
    unproduced = unproduced_forbidden_outcomes()
    print(f"forbidden outcomes no mutant produces: {len(unproduced)} of "
          f"{len(declared_forbidden_outcomes())}")
    assert unproduced == []


def test_every_kill_names_a_forbidden_outcome_of_its_invariant():
    declared = declared_forbidden_outcomes() | {
        (invariant, "raised") for invariant, _ in INVARIANTS}  # a judged call that raised
    wrong = {(mutant, invariant, name) for mutant in MUTANTS
             for invariant, kill in kills_of(mutant).items()
             for name in (*kill.forbidden, *kill.also) if (invariant, name) not in declared}
    assert wrong == set()


def test_every_kill_names_an_invariant_under_its_provider():
    known = {invariant_id: providers_of(function) for invariant_id, function in INVARIANTS}
    wrong = {(mutant, invariant) for mutant in MUTANTS for invariant in kills_of(mutant)
             if provider_of(mutant) not in known.get(invariant, ())}
    assert wrong == set()


def main():
    for group, (cited, total) in sorted(coverage_by_group().items()):
        print(f"{group:<70} {cited:>3} of {total:>3} testable promises cited")
    unproven = unproven_rows()
    print(f"invariant x provider rows no mutant proves able to fail: {len(unproven)}")
    for row in unproven:
        print("  ", *row)
    unproduced = unproduced_forbidden_outcomes()
    print(f"forbidden outcomes (invariant x name, of the tables each invariant counts with and "
          f"the judge helpers it calls) no mutant produces: {len(unproduced)} of "
          f"{len(declared_forbidden_outcomes())}")
    for row in unproduced:
        print("  ", *row)


if __name__ == "__main__":
    main()
