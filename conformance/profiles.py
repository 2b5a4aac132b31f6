"""Hypothesis settings profiles of the kit, chosen with Hypothesis's own ``--hypothesis-profile``.

* ``quick`` (used when none is chosen): a handful of examples per invariant and start method;
* ``ci``: more examples, derandomized so a CI matrix is comparable across runs, no database;
* ``thorough``: many examples and shrinking, for vetting a new platform or implementation.

Every example starts processes, so no profile has a per-example deadline: the kit's own
deadlines bound liveness instead.
"""

from hypothesis import HealthCheck, Phase, settings

DEFAULT = "quick"

# Shrinking re-runs hundreds of variants of a failing example, each starting processes, and a
# race reproduces only sometimes: minutes of work for a smaller example.  The evidence of the first
# failing example already says what went wrong, so only ``thorough`` shrinks.  "explain" likewise.
FIND_ONLY = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target)
FIND_AND_SHRINK = (*FIND_ONLY, Phase.shrink)

settings.register_profile("quick", max_examples=6, deadline=None, phases=FIND_ONLY)
settings.register_profile("ci", max_examples=20, deadline=None, phases=FIND_ONLY,
                          derandomize=True, database=None, print_blob=True)
settings.register_profile("thorough", max_examples=150, deadline=None, phases=FIND_AND_SHRINK,
                          suppress_health_check=[HealthCheck.too_slow])

_chosen = DEFAULT
# How often a failing example is run again to say how reliably it reproduces (--mp-reruns).
reruns = 2


def choose(name, rerun_count=2):
    """Record the profile invariants use (the user's choice, else the kit's default)."""
    global _chosen, reruns
    _chosen = name or DEFAULT
    reruns = rerun_count


def for_invariants():
    return settings.get_profile(_chosen)
