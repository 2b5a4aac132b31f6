"""Every outcome class means one thing, and the kit reaches each one for its own reason.

Violated only from judged evidence; an exception outside every judged call is an error; a
deadline is a timeout; a checker out of budget is inconclusive; unsupported only from a
capability probe.  Each class is reached here by a mutant or a fake implementation.
"""

import sys

import pytest

from conformance import outcomes
from conformance.judge import (
    ChildFailed,
    Inconclusive,
    OutcomeTable,
    Stuck,
    Violation,
    expect_raises,
    judged,
    violation,
)
from conformance.judge.timing import never_early
from tests.kit import ONE_METHOD, option_values, outcomes_of, run_kit

if sys.version_info < (3, 11):
    from exceptiongroup import ExceptionGroup  # Hypothesis's own dependency before 3.11

TABLE = OutcomeTable(unit="observations", acceptable={"fine": "as promised"},
                     forbidden={"broken": "not as promised", "worse": "even less"})


def test_an_outcome_table_counts_and_names_what_it_forbids():
    counted = TABLE.counter()
    counted.observe("fine")
    counted.observe("broken", "evidence one")
    counted.expect(False, "broken", "evidence two", "fine")
    with pytest.raises(Violation) as seen:
        counted.verdict()
    assert seen.value.forbidden == {"broken": 2}
    assert seen.value.evidence == {"broken": ["evidence one", "evidence two"]}
    assert [row["count"] for row in seen.value.table] == [1, 2, 0]


def test_an_outcome_table_refuses_undeclared_outcomes():
    with pytest.raises(ValueError, match="undeclared"):
        TABLE.counter().observe("surprising")


@pytest.mark.parametrize("call, forbidden", [
    (lambda: expect_raises(ValueError, lambda: 1, "f()"), "returned"),
    (lambda: expect_raises(ValueError, lambda: {}["x"], "f()"), "raised-other"),
    (lambda: never_early(0.01, 0.5, "wait(0.5)"), "early"),
])
def test_judge_helpers_name_their_forbidden_outcomes(call, forbidden):
    with pytest.raises(Violation) as seen:
        call()
    assert list(seen.value.forbidden) == [forbidden]


def test_a_judged_call_that_raises_is_a_violation():
    with pytest.raises(Violation) as seen:
        with judged("acquire(block=False)"):
            raise TypeError("unexpected keyword")
    assert seen.value.forbidden == {"raised": 1}
    assert "acquire(block=False) raised TypeError" in seen.value.evidence["raised"][0]


@pytest.mark.parametrize("raised, outcome", [
    (violation("broken", "seen"), outcomes.VIOLATED),
    (Stuck("stuck", stuck_in="Lock.acquire"), outcomes.TIMED_OUT),
    (Inconclusive("budget", checker="c", history_size=3, reason="r"), outcomes.INCONCLUSIVE),
    (ChildFailed("died", role="worker 0", pid=1, exitcode=-9), outcomes.ERROR),
    (AssertionError("a bare assert of the kit"), outcomes.ERROR),
    (TypeError("the kit's bookkeeping"), outcomes.ERROR),
    (ExceptionGroup("flaky", [violation("broken", "seen")]), outcomes.VIOLATED),
    (ExceptionGroup("two", [TypeError("x"), violation("broken", "seen")]), outcomes.VIOLATED),
    (ExceptionGroup("two", [TypeError("x"), ValueError("y")]), outcomes.ERROR),
])
def test_what_was_raised_decides_the_outcome(raised, outcome):
    assert outcomes.verdict_of(raised)[0] == outcome


def test_an_error_says_where_it_happened():
    failed = ChildFailed("x", role="worker 1", pid=7, exitcode=1, exception="AttributeError")
    assert outcomes.error_fields(failed) == {"type": "AttributeError", "message": "x",
                                             "where": "child worker 1", "exitcode": 1}


LOCK_SERIALISED = ["conformance/test_lock.py", "-k", "serialised and not manager-"]


@pytest.mark.parametrize("implementation, options, expected", [
    ("tests.mutants.lock_admits_two", [], outcomes.VIOLATED),
    ("tests.fakes.lock_constructor_fails", [], outcomes.ERROR),
    ("tests.mutants.hang_lock_release_lost", ["--mp-deadline=2"], outcomes.TIMED_OUT),
    ("multiprocessing", [], outcomes.PASSED),
])
def test_each_class_is_reached_for_its_reason(tmp_path, implementation, options, expected):
    results, completed = run_kit(tmp_path, *LOCK_SERIALISED, f"--mp-impl={implementation}",
                                 f"--start-method={ONE_METHOD}", *options)
    assert set(outcomes_of(results).values()) == {expected}, completed.stdout[-3000:]
    assert (completed.returncode == 0) == (expected not in outcomes.FAILING)


def test_a_checker_out_of_budget_is_inconclusive(tmp_path):
    results, completed = run_kit(tmp_path, "conformance/test_manager_dict.py", "-k",
                                 "linearizable", f"--start-method={ONE_METHOD}",
                                 "--mp-check-states=1")
    seen = set(outcomes_of(results).values())
    assert seen == {outcomes.INCONCLUSIVE}, completed.stdout[-3000:]
    (result,) = results.values()
    assert result["inconclusive"]["history_size"] > 0
    assert completed.returncode == 1


def test_unsupported_comes_only_from_a_capability_probe(tmp_path):
    results, completed = run_kit(tmp_path, "conformance/test_semaphore.py", "-k",
                                 "get_value and not manager-", f"--start-method={ONE_METHOD}",
                                 "--mp-impl=tests.fakes.no_sem_getvalue")
    (result,) = results.values()
    assert result["outcome"] == outcomes.UNSUPPORTED, completed.stdout[-3000:]
    assert result["unsupported"]["capability"] == "sem_getvalue"
    assert "UNSUPPORTED: conformance/test_semaphore.py::test_get_value" in completed.stdout
    assert "needs sem_getvalue: " in completed.stdout
    if "sem_getvalue" not in option_values("mp-without"):  # else: switched off by the stand-in
        assert "Semaphore.get_value() raises NotImplementedError" in completed.stdout
    assert completed.returncode == 0


def test_a_capability_switched_off_is_unsupported(tmp_path):
    results, _ = run_kit(tmp_path, "conformance/test_semaphore.py", "-k",
                         "get_value and not manager-", f"--start-method={ONE_METHOD}",
                         "--mp-without=sem_getvalue")
    assert {r["outcome"] for r in results.values()} == {outcomes.UNSUPPORTED}
