"""Hypothesis settings of the kit's invariants, chosen with ``--mp-profile``.

* ``quick`` (the default): a handful of examples per invariant and start method;
* ``ci``: more examples, derandomized so a CI matrix is comparable across runs, no database;
* ``thorough``: many examples, larger programs (``--mp-scale`` 4) and shrinking, for vetting a
  new platform or implementation.

They are registered as ``mp-quick``, ``mp-ci`` and ``mp-thorough``, each with Hypothesis's
built-in ``default`` profile as its explicit parent, and applied to the kit's invariants only:
Hypothesis's own profiles (``default``, ``ci``, ...) and whatever profile a user loads for their
own tests are left as they are.  ``--mp-profile`` may also name any registered profile, which
the invariants then use as it is (a per-example ``deadline`` there turns slow examples into
errors, never into violations).

Every example starts processes, so the kit's profiles have no per-example deadline: the kit's
own deadlines bound liveness instead.  Hypothesis is imported only once an invariant needs it.
"""

DEFAULT = "quick"
PREFIX = "mp-"
KIT = ("quick", "ci", "thorough")
SCALE = {"quick": 1, "ci": 1, "thorough": 4}


def _kit_settings():
    from hypothesis import HealthCheck, Phase

    # Shrinking re-runs hundreds of variants of a failing example, each starting processes, and
    # a race reproduces only sometimes: minutes of work for a smaller example.  The evidence of
    # the first failing example already says what went wrong, so only ``thorough`` shrinks.
    find_only = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target)
    slow_is_expected = [HealthCheck.too_slow, HealthCheck.data_too_large]
    return {
        "quick": dict(max_examples=6, deadline=None, phases=find_only,
                      suppress_health_check=slow_is_expected),
        "ci": dict(max_examples=20, deadline=None, phases=find_only, derandomize=True,
                   database=None, print_blob=True, suppress_health_check=slow_is_expected),
        "thorough": dict(max_examples=150, deadline=None, phases=(*find_only, Phase.shrink),
                         suppress_health_check=slow_is_expected),
    }


def _register():
    from hypothesis import settings

    global _registered
    if not _registered:
        for name, values in _kit_settings().items():
            settings.register_profile(PREFIX + name, parent=settings.get_profile("default"),
                                      **values)
        _registered = True
    return settings


_registered = False


def known(name):
    """Whether ``--mp-profile`` may name this profile."""
    if name in KIT:
        return True
    settings = _register()
    try:
        settings.get_profile(name)
    except Exception:  # Hypothesis raises InvalidArgument for an unknown name
        return False
    return True


def default_scale(name):
    return SCALE.get(name, 1)


def of(name):
    """The Hypothesis settings a ``--mp-profile`` value stands for."""
    return _register().get_profile(PREFIX + name if name in KIT else name)
