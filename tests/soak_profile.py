"""A pytest plugin for ``tests/test_soak.py``: registers ``soak-fresh``, the kit's quick profile
without its explicit examples and with two examples a round (Hypothesis draws the simplest
program first, then a random one), so that what a soak finds is found by the fresh examples of
its rounds.

Load it with ``-p tests.soak_profile`` and name it with ``--mp-profile=soak-fresh``.
"""

from hypothesis import Phase, settings

from conformance import profiles

FRESH = "soak-fresh"

settings.register_profile(FRESH, parent=profiles.of("quick"),
                          max_examples=2, phases=(Phase.generate,), database=None)
