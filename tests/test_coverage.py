"""Every invariant states its promise and its docs section, and some mutant must catch it."""

import importlib
import inspect
import pkgutil
import re

import pytest

import conformance
from conformance.report import invariant_metadata
from tests.test_mutants import MUTANTS, kills_of

PROMISE_ID = re.compile(r"^[A-Z]+-\d+$")


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


def test_there_are_invariants():
    assert len(INVARIANTS) >= 10


@pytest.mark.parametrize("invariant_id, function", INVARIANTS, ids=[i for i, _ in INVARIANTS])
def test_invariant_states_its_promise(invariant_id, function):
    metadata = invariant_metadata(function)
    assert metadata["promise"].endswith("."), "the docstring opens with the promise"
    assert metadata["docs"], "a 'Docs:' line names the Python docs section"
    assert metadata["promises"] and all(PROMISE_ID.match(p) for p in metadata["promises"])


def test_every_invariant_has_a_mutant():
    killed = {invariant for mutant in MUTANTS for invariant in kills_of(mutant)}
    unkilled = [invariant_id for invariant_id, _ in INVARIANTS if invariant_id not in killed]
    assert unkilled == []


def test_every_kill_names_an_invariant():
    known = {invariant_id for invariant_id, _ in INVARIANTS}
    unknown = {(mutant, invariant) for mutant in MUTANTS for invariant in kills_of(mutant)
               if invariant not in known}
    assert unknown == set()
