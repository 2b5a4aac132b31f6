"""Outcomes an invariant can end in besides passed and violated.

``unsupported(what)`` ends an invariant as *unsupported on this platform* (the API is absent or
raises NotImplementedError here, e.g. ``sem_getvalue`` on macOS).  It is reported as such in the
conformance report, never as a silent skip.
"""

import pytest

UNSUPPORTED = "unsupported on this platform: "


def unsupported(what):
    pytest.skip(UNSUPPORTED + what)
