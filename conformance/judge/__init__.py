"""How evidence is judged: outcome tables, in the manner of jcstress.

An invariant declares up front which outcomes it may observe, each ACCEPTABLE or FORBIDDEN with a
one-line description, counts what the children recorded, and fails when any forbidden outcome
occurred, saying which, how often, and showing examples of the evidence.
"""

from collections import Counter

EXAMPLES_SHOWN = 5


class Violation(AssertionError):
    """The recorded evidence contains an outcome the promise forbids."""


class Stuck(BaseException):
    """A liveness deadline expired: something that must finish did not.

    A BaseException so that Hypothesis does not catch it: shrinking a deadlock would re-run
    deadlocking examples, each costing a full deadline.  The message carries the example.
    """


class ChildFailed(AssertionError):
    """A child raised where the promise says it must not, or died without reporting."""


class Outcomes:
    """Declared outcomes of one invariant, counted over every observation of one example.

    ``Outcomes(unit="party releases", acceptable={...}, forbidden={...})`` then
    ``observe(name, evidence)`` per observation, then ``verdict()``.
    """

    def __init__(self, unit, acceptable, forbidden):
        overlap = set(acceptable) & set(forbidden)
        if overlap:
            raise ValueError(f"outcomes both acceptable and forbidden: {overlap}")
        self.unit = unit
        self.acceptable = acceptable
        self.forbidden = forbidden
        self.counts = Counter()
        self.examples = {}

    def observe(self, name, evidence=None):
        if name not in self.acceptable and name not in self.forbidden:
            raise ValueError(f"undeclared outcome {name!r}")
        self.counts[name] += 1
        if name in self.forbidden and evidence is not None:
            self.examples.setdefault(name, []).append(evidence)

    def expect(self, condition, forbidden, evidence, acceptable):
        """Observe ``acceptable`` when the condition holds, else ``forbidden`` with evidence."""
        if condition:
            self.observe(acceptable)
        else:
            self.observe(forbidden, evidence)

    @property
    def total(self):
        return sum(self.counts.values())

    def verdict(self):
        __tracebackhide__ = True
        seen = [name for name in self.forbidden if self.counts[name]]
        if seen:
            raise Violation(self.table())

    def table(self):
        width = max(len(name) for name in (*self.acceptable, *self.forbidden))
        lines = [f"{self.total} {self.unit} observed:"]
        for kind, declared in (("ACCEPTABLE", self.acceptable), ("FORBIDDEN", self.forbidden)):
            for name, description in declared.items():
                lines.append(
                    f"  {self.counts[name]:>6}  {kind:<10}  {name:<{width}}  {description}"
                )
        for name, examples in self.examples.items():
            lines.append(f"evidence of {name} ({len(examples)}):")
            lines.extend(f"  - {example}" for example in examples[:EXAMPLES_SHOWN])
            if len(examples) > EXAMPLES_SHOWN:
                lines.append(f"  ... and {len(examples) - EXAMPLES_SHOWN} more")
        return "\n".join(lines)


def expect_raises(expected, call, what):
    """``call()`` must raise ``expected`` (a subclass counts); anything else is a violation."""
    __tracebackhide__ = True
    try:
        returned = call()
    except expected:
        return
    except Exception as exc:  # report exactly what the implementation did instead
        raise Violation(f"{what} raised {type(exc).__name__}: {exc}; "
                        f"expected {expected.__name__}") from exc
    raise Violation(f"{what} returned {returned!r}; expected it to raise {expected.__name__}")
