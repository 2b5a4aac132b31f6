"""Bug: shutting the manager down (``shutdown()``, leaving ``with``) only marks it shut down: the
server process is never told to stop and keeps serving proxies."""

from multiprocessing.managers import State, SyncManager

from tests.mutants.base import mutant, violated


class ForgetfulManager(SyncManager):
    @staticmethod
    def _finalize_manager(process, address, authkey, state, _Client, *timeout):
        state.value = State.SHUTDOWN


def manager(ctx):
    started = ForgetfulManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_shutdown_stops_the_server": violated("server-running"),
    "test_proxies.py::test_leaving_the_with_block_shuts_the_manager_down":
        violated("server-running"),
}
