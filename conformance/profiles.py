"""Hypothesis settings profiles of the kit, chosen with Hypothesis's own ``--hypothesis-profile``.

* ``quick`` (used when none is chosen): a handful of examples per invariant and start method;
* ``ci``: more examples, derandomized so a CI matrix is comparable across runs, no database;
* ``thorough``: many examples, for vetting a new platform or implementation.

Every example starts processes, so no profile has a per-example deadline: the kit's own
deadlines bound liveness instead.
"""

from hypothesis import HealthCheck, Phase, settings

DEFAULT = "quick"

# "explain" re-runs many variants of a failing example; too costly when each starts processes.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)

settings.register_profile("quick", max_examples=6, deadline=None, phases=PHASES)
settings.register_profile("ci", max_examples=20, deadline=None, phases=PHASES,
                          derandomize=True, database=None, print_blob=True)
settings.register_profile("thorough", max_examples=150, deadline=None, phases=PHASES,
                          suppress_health_check=[HealthCheck.too_slow])

_chosen = DEFAULT


def choose(name):
    """Record the profile invariants use: the user's choice, else the kit's default."""
    global _chosen
    _chosen = name or DEFAULT


def for_invariants():
    return settings.get_profile(_chosen)
