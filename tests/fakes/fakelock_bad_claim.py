"""An adapter module with a claim that is no promise: loading it is a usage error naming this
file and the key."""

from conformance.adapters import Adapter, primitive
from tests.fakes.fakelock_adapter import make_lock

ADAPTER = Adapter("fakelock-bad-claim", {
    "Lock": primitive("Lock", factory=make_lock, distribution="fakelock", claims=["LOCK-99"])})
