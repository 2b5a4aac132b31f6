"""Bug: when the server is still alive after shutdown()'s terminate() and its second wait,
shutdown() raises TimeoutError instead of killing it; the real shutdown() then kills the server
and returns.

This module is the double's managers module (its ``managers`` attribute)."""

import contextlib
import sys
from multiprocessing import managers as real
from multiprocessing import util

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    @staticmethod
    def _finalize_manager(process, address, authkey, state, _Client, shutdown_timeout):
        if process.is_alive():
            with contextlib.suppress(Exception):  # as the real one: the server may be gone
                conn = _Client(address, authkey=authkey)
                try:
                    real.dispatch(conn, None, "shutdown")
                finally:
                    conn.close()
            process.join(timeout=shutdown_timeout)
            if process.is_alive():
                util.info("manager still alive")
                process.terminate()
                process.join(timeout=shutdown_timeout)
                if process.is_alive():  # the bug: gives up instead of kill()
                    raise TimeoutError(f"manager process {process.pid} did not terminate")
        state.value = real.State.SHUTDOWN
        real.BaseProxy._address_to_local.pop(address, None)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_shutdown_timeout_bounds_the_wait_for_a_lingering_server":
        violated("raised"),
}
