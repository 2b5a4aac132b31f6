"""Known deviations excuse exactly what they say, for the implementation they name, and say when
they are out of date."""

import importlib
import json

import pytest

from conformance import expectations, judge, outcomes
from conformance.judge import blocking, linearizability, locks, timing
from tests.kit import ONE_METHOD, outcomes_of, run_kit

FACTS = {"os": "linux", "interpreter": "cpython", "python": "3.11.7",
         "implementation": "multiprocessing", "start_method": "spawn", "provider": "native"}


def entry(**fields):
    fields.setdefault("invariant", "test_lock.py::test_*")
    fields.setdefault("outcome", "violated")
    fields.setdefault("reason", "r")
    if fields["outcome"] == "violated":
        fields.setdefault("forbidden", ["overlapped"])
    fields.setdefault("when", {"implementation": "any"})
    return expectations.parse(fields, "inline")


@pytest.mark.parametrize("when, applies", [
    ({"implementation": "any"}, True),
    ({"implementation": ["multiprocessing"]}, True),
    ({"implementation": ["billiard"]}, False),
    ({"implementation": "any", "os": ["linux", "darwin"]}, True),
    ({"implementation": "any", "os": "windows"}, False),
    ({"implementation": "any", "python": ">=3.9,<3.12"}, True),
    ({"implementation": "any", "python": ">=3.12"}, False),
    ({"implementation": "any", "start_method": ["fork"]}, False),
    ({"implementation": ["multiprocessing"], "provider": ["native"]}, True),
])
def test_conditions(when, applies):
    assert entry(when=when).applies("test_lock.py::test_x", FACTS) is applies


def test_the_pattern_names_the_invariant():
    assert not entry().applies("test_rlock.py::test_x", FACTS)


def violated_result(*names, evidence="worker 0 overlapped"):
    return {"outcome": "violated", "violation": {
        "forbidden": dict.fromkeys(names, 1), "evidence": {name: [evidence] for name in names}}}


@pytest.mark.parametrize("deviation, result, shows", [
    (entry(), violated_result("overlapped"), True),
    (entry(), violated_result("lost-update"), False),
    (entry(), violated_result("overlapped", "lost-update"), False),
    (entry(forbidden=["overlapped", "lost-update"]), violated_result("lost-update"), True),
    (entry(evidence="*worker 0*"), violated_result("overlapped"), True),
    (entry(evidence="*worker 1*"), violated_result("overlapped"), False),
    (entry(), {"outcome": "error", "error": {"type": "TypeError"}}, False),
    (entry(outcome="error", raises=["TypeError"]),
     {"outcome": "error", "error": {"type": "TypeError"}}, True),
    (entry(outcome="error", raises=["TypeError"]),
     {"outcome": "error", "error": {"type": "AttributeError"}}, False),
    (entry(outcome="timed out", stuck_in="Lock.acquire*"),
     {"outcome": "timed out", "stuck": {"stuck_in": "Lock.acquire after release"}}, True),
    (entry(outcome="timed out", stuck_in="Lock.acquire*"),
     {"outcome": "timed out", "stuck": {"stuck_in": "Queue.get"}}, False),
])
def test_an_entry_matches_exactly_what_it_says(deviation, result, shows):
    assert deviation.shows(result) is shows


def test_an_error_is_never_excused_by_a_violated_entry():
    named, deviation = expectations.judge(
        [entry()], "test_lock.py::test_x", FACTS,
        {"outcome": "error", "error": {"type": "ValueError"}})
    assert (named, deviation) == (outcomes.ERROR, None)


@pytest.mark.parametrize("fields, complaint", [
    ({"outcome": "violated", "reason": "r", "when": {"implementation": "any"}},
     "forbidden: missing"),
    ({"outcome": "broken", "reason": "r"}, "outcome: must be one of"),
    ({"reason": "r", "forbidden": ["x"], "when": {"implementation": "any", "arch": "x"}},
     "arch: unknown condition"),
    ({"reason": "r", "forbidden": ["x"], "typo": 1}, "typo: unknown key"),
    ({"reason": "r", "forbidden": ["x"], "intermittent": "yes",
      "when": {"implementation": "any"}}, "intermittent: must be true or false"),
    ({"reason": "r", "forbidden": ["x"], "when": {"python": ">=3.9"}},
     "when: says which implementation"),
    ({"reason": "r", "forbidden": ["x"]}, "when: says which implementation"),
    ({"outcome": "error", "reason": "r", "forbidden": ["x"], "raises": ["E"],
      "when": {"implementation": "any"}}, "forbidden: belongs to violated entries"),
    ({"reason": "r", "forbidden": ["x"], "when": {"implementation": "any", "python": "3.x"}},
     "python:"),
])
def test_malformed_entries_are_refused_naming_the_key(fields, complaint):
    fields = {"invariant": "x", "outcome": "violated", **fields}
    with pytest.raises(expectations.ExpectationError, match=complaint):
        expectations.parse(fields, "inline")


def test_a_malformed_file_names_the_line_and_key(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[[deviation]]\ninvariant = "a"\noutcome = "violated"\nforbidden = ["x"]\n'
                    'reason = "r"\n[deviation.when]\nimplementation = "any"\n\n'
                    '[[deviation]]\ninvariant = "b"\noutcome = "violated"\nreason = "r"\n'
                    'forbidden = ["x"]\nintermittent = "sometimes"\n[deviation.when]\n'
                    'implementation = "any"\n')
    with pytest.raises(expectations.ExpectationError, match=r"mine.toml:14: intermittent:"):
        expectations.load(path)


def test_a_malformed_file_is_a_usage_error_of_the_run(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[deviation]]\ninvariant = "x"\noutcome = "violated"\nreason = "r"\n')
    _, completed = run_kit_expecting_usage_error(tmp_path, f"--mp-expectations={path}")
    assert "bad.toml:1: forbidden: missing" in completed.stderr


def run_kit_expecting_usage_error(tmp_path, *args):
    import subprocess
    import sys

    from tests.kit import REPO

    completed = subprocess.run([sys.executable, "-m", "pytest", "conformance/test_lock.py",
                                "-p", "no:cacheprovider", *args], cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 4, completed.stdout + completed.stderr
    return None, completed


def test_shipped_expectations_load_and_name_their_implementations():
    for deviation in expectations.load(expectations.SHIPPED):
        assert deviation.when.get("implementation"), deviation.source


def declared_forbidden(module):
    return {outcome for table in vars(module).values() if isinstance(table, judge.OutcomeTable)
            for outcome in table.forbidden}


# What the judge helpers (not a module's tables) may name as forbidden.
HELPER_OUTCOMES = {judge.RETURNED, judge.RAISED_OTHER, judge.RAISED, blocking.BLOCKED,
                   timing.EARLY, locks.NOT_GRANTED, *declared_forbidden(linearizability)}


def test_shipped_expectations_name_existing_invariants_and_outcomes():
    """Each entry names an invariant that exists, and only forbidden outcomes its module's
    tables or the judge helpers declare: an entry cannot excuse what the kit never reports."""
    for deviation in expectations.load(expectations.SHIPPED):
        file, name = deviation.invariant.split("::")
        module = importlib.import_module(f"conformance.{file[:-3]}")
        assert hasattr(module, name), deviation.source
        assert set(deviation.forbidden) <= declared_forbidden(module) | HELPER_OUTCOMES, \
            deviation.source


SERIALISED = ["conformance/test_lock.py", "-k", "serialised and not manager-",
              f"--start-method={ONE_METHOD}"]


def write_expectation(tmp_path, implementation, intermittent=False,
                      forbidden=("overlapped", "lost-update")):
    path = tmp_path / "mine.toml"
    names = ", ".join(f'"{name}"' for name in forbidden)
    path.write_text('[[deviation]]\n'
                    'invariant = "test_lock.py::test_critical_sections_are_serialised"\n'
                    f'outcome = "violated"\nforbidden = [{names}]\n'
                    'reason = "two holders, on purpose"\n'
                    f'intermittent = {str(intermittent).lower()}\n'
                    f'[deviation.when]\nimplementation = ["{implementation}"]\n')
    return path


def test_an_expected_violation_is_a_known_deviation(tmp_path):
    mutant = "tests.mutants.lock_admits_two"
    results, completed = run_kit(tmp_path, *SERIALISED, f"--mp-impl={mutant}",
                                 f"--mp-expectations={write_expectation(tmp_path, mutant)}")
    assert set(outcomes_of(results).values()) == {outcomes.KNOWN_DEVIATION}
    assert completed.returncode == 0, completed.stdout[-3000:]
    (result,) = results.values()
    assert result["seen"] == outcomes.VIOLATED
    assert result["expectation"]["reason"] == "two holders, on purpose"
    assert "mine.toml:1: 1/1" in completed.stdout


def test_an_entry_for_another_implementation_excuses_nothing(tmp_path):
    results, completed = run_kit(tmp_path, *SERIALISED, "--mp-impl=tests.mutants.lock_admits_two",
                                 f"--mp-expectations={write_expectation(tmp_path, 'billiard')}")
    assert set(outcomes_of(results).values()) == {outcomes.VIOLATED}
    assert completed.returncode == 1


def test_an_entry_for_another_forbidden_outcome_excuses_nothing(tmp_path):
    mutant = "tests.mutants.lock_admits_two"
    path = write_expectation(tmp_path, mutant, forbidden=("something-else",))
    results, _ = run_kit(tmp_path, *SERIALISED, f"--mp-impl={mutant}",
                         f"--mp-expectations={path}")
    assert set(outcomes_of(results).values()) == {outcomes.VIOLATED}


def test_an_expectation_that_no_longer_holds_fails_the_run(tmp_path):
    path = write_expectation(tmp_path, "multiprocessing")
    results, completed = run_kit(tmp_path, *SERIALISED, f"--mp-expectations={path}")
    assert set(outcomes_of(results).values()) == {outcomes.UNEXPECTED_PASS}
    assert completed.returncode == 1
    assert "UNEXPECTED PASS: conformance/test_lock.py::test_critical_sections" in completed.stdout
    _, allowed = run_kit(tmp_path, *SERIALISED, f"--mp-expectations={path}",
                         "--mp-allow-unexpected-pass")
    assert allowed.returncode == 0


def test_an_intermittent_expectation_lets_a_pass_be_a_pass_and_counts(tmp_path):
    path = write_expectation(tmp_path, "multiprocessing", intermittent=True)
    results, completed = run_kit(tmp_path, *SERIALISED, f"--mp-expectations={path}")
    assert set(outcomes_of(results).values()) == {outcomes.PASSED}
    assert "mine.toml:1: 0/1" in completed.stdout
    document = json.loads((tmp_path / "results.json").read_text())
    assert document["results"][0]["expectation"]["intermittent"] is True
