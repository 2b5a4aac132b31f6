"""The outcome of one invariant × provider × start method, as the report names it.

* ``passed``;
* ``violated``: the evidence shows a forbidden outcome (or the implementation raised where the
  promise says it must not);
* ``timed out``: a liveness deadline expired (``Stuck``), with what was stuck;
* ``unsupported``: the platform lacks the API (``unsupported(...)`` below) — never a silent skip;
* ``known deviation``: violated or timed out exactly as an expectation says;
* ``unexpected pass``: an expectation says it deviates, but it passed;
* ``error``: the kit could not run the invariant (a setup error);
* ``skipped``: skipped for any other reason — listed, because a conformance run should have none.
"""

import pytest

PASSED = "passed"
VIOLATED = "violated"
TIMED_OUT = "timed out"
UNSUPPORTED = "unsupported"
KNOWN_DEVIATION = "known deviation"
UNEXPECTED_PASS = "unexpected pass"
ERROR = "error"
SKIPPED = "skipped"
ALL = (PASSED, VIOLATED, TIMED_OUT, UNSUPPORTED, KNOWN_DEVIATION, UNEXPECTED_PASS, ERROR,
       SKIPPED)
NOT_OK = (VIOLATED, TIMED_OUT, ERROR, SKIPPED)

UNSUPPORTED_PREFIX = "unsupported on this platform: "


def unsupported(what):
    """End the invariant as unsupported on this platform, saying what is missing."""
    pytest.skip(UNSUPPORTED_PREFIX + what)


def classify(report, excinfo):
    """Name the outcome of a pytest report (setup or call phase) of an invariant."""
    if report.passed:
        return PASSED
    if report.skipped:
        return UNSUPPORTED if UNSUPPORTED_PREFIX in skip_reason(report) else SKIPPED
    if report.when != "call":
        return ERROR
    from conformance.judge import Stuck

    if excinfo is not None and excinfo.errisinstance(Stuck):
        return TIMED_OUT
    return VIOLATED


def skip_reason(report):
    longrepr = report.longrepr
    return longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
