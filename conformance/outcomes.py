"""The outcome of one invariant × provider × start method (× implementation), as data.

=================  ===============================================================  =========
outcome            meaning                                                          run fails
=================  ===============================================================  =========
passed             the promise held in every example                                no
violated           a declared forbidden outcome was observed (an outcome table or   yes
                   a judge helper around the call under test said so)
error              the invariant could not be judged: an exception outside every    yes
                   judged call (parent or child), a missing helper API, a usage
                   error, a Hypothesis health check, a probe that crashed
timed out          a liveness deadline expired; what was stuck is named             yes
inconclusive       a checker ran out of budget: never a pass, never a violation     yes
unsupported        a declared capability's probe failed (with the probe's reason)   no
not claimed        an adapter does not claim a promise the invariant checks         no
known deviation    violated / errored / timed out exactly as an expectation says    no
unexpected pass    an expectation says it deviates, but it passed                   yes (*)
skipped            skipped for any other reason: a conformance run should have none no (listed)
=================  ===============================================================  =========

(*) unless ``--mp-allow-unexpected-pass``.

``verdict_of(exception)`` names the outcome of what an invariant raised and gives its fields;
nothing here reads an exception's message.
"""

from conformance.judge import ChildFailed, Inconclusive, Stuck, Violation

PASSED = "passed"
VIOLATED = "violated"
ERROR = "error"
TIMED_OUT = "timed out"
INCONCLUSIVE = "inconclusive"
UNSUPPORTED = "unsupported"
NOT_CLAIMED = "not claimed"
KNOWN_DEVIATION = "known deviation"
UNEXPECTED_PASS = "unexpected pass"
SKIPPED = "skipped"
ALL = (PASSED, VIOLATED, ERROR, TIMED_OUT, INCONCLUSIVE, UNSUPPORTED, NOT_CLAIMED,
       KNOWN_DEVIATION, UNEXPECTED_PASS, SKIPPED)
FAILING = (VIOLATED, ERROR, TIMED_OUT, INCONCLUSIVE, UNEXPECTED_PASS)
LISTED = (*FAILING, UNSUPPORTED, SKIPPED)  # what the summaries list one by one
# What an expectation may say a platform does instead of passing.
DEVIATING = (VIOLATED, ERROR, TIMED_OUT)


def leaves(exception):
    """The exceptions inside an exception group (Hypothesis's FlakyFailure, several distinct
    failures), depth first; an exception that is no group is its own leaf."""
    inner = getattr(exception, "exceptions", None)
    if isinstance(inner, (tuple, list)) and isinstance(exception, BaseException):
        return [leaf for member in inner for leaf in leaves(member)]
    return [exception]


def verdict_of(exception):
    """(outcome, the deciding exception) for what an invariant raised.

    Evidence decides first: any violation in a group makes the result violated (a flaky
    re-run that passed does not unsee it), then a deadline, then a checker's budget; anything
    else is an error.
    """
    found = leaves(exception)
    for kind, outcome in ((Violation, VIOLATED), (Stuck, TIMED_OUT),
                          (Inconclusive, INCONCLUSIVE)):
        for leaf in found:
            if isinstance(leaf, kind):
                return outcome, leaf
    return ERROR, found[0]


def error_fields(exception):
    """What an error was: its type, message and, for a child, which child."""
    fields = {"type": type(exception).__name__, "message": str(exception).split("\n", 1)[0]}
    if isinstance(exception, ChildFailed):
        fields.update(type=exception.exception or "exit", where=f"child {exception.role}",
                      exitcode=exception.exitcode)
    else:
        fields["where"] = "parent"
    return fields


def flaky(exception):
    """Whether Hypothesis found the failure flaky (its replay passed)."""
    return type(exception).__name__ in ("FlakyFailure", "Flaky")
