"""Hypothesis settings profiles of the kit, chosen with Hypothesis's own ``--hypothesis-profile``.

* ``quick`` (used when none is chosen): a handful of examples per invariant and start method;
* ``ci``: more examples, derandomized so a CI matrix is comparable across runs, no database;
* ``thorough``: many examples, for vetting a new platform or implementation.

Every example starts processes, so no profile has a per-example deadline: the kit's own
deadlines bound liveness instead.
"""

from hypothesis import HealthCheck, settings

DEFAULT = "quick"

settings.register_profile("quick", max_examples=6, deadline=None)
settings.register_profile(
    "ci", max_examples=20, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile(
    "thorough", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

_chosen = DEFAULT


def choose(name):
    """Record the profile invariants use: the user's choice, else the kit's default."""
    global _chosen
    _chosen = name or DEFAULT


def for_invariants():
    return settings.get_profile(_chosen)
