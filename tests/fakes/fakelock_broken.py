"""The fake lock library's lock with a bug, as an adapter module."""

from tests.fakes.fakelock_adapter import BROKEN as ADAPTER  # noqa: F401
