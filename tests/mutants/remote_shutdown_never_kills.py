"""Bug: shutdown() gives up after terminate(): a server that outlives the shutdown request and
ignores SIGTERM is left running, as before Python 3.11; the real shutdown() then kill()s it
once shutdown_timeout has passed again.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    @staticmethod
    def _finalize_manager(process, address, authkey, state, _Client, shutdown_timeout):
        if process.is_alive():
            try:
                conn = _Client(address, authkey=authkey)
                try:
                    real.dispatch(conn, None, "shutdown")
                finally:
                    conn.close()
            except Exception:
                pass
            process.join(timeout=shutdown_timeout)
            if process.is_alive() and hasattr(process, "terminate"):
                process.terminate()
                process.join(timeout=shutdown_timeout)
                # the bug: no kill() if terminate() did not end it
        state.value = real.State.SHUTDOWN
        real.BaseProxy._address_to_local.pop(address, None)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
REQUIRES_PYTHON = (3, 11)
KILLS = {
    "test_remote_manager.py::test_shutdown_timeout_bounds_the_wait_for_a_lingering_server":
        violated("outlived"),
}
