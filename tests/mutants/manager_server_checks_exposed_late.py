"""Bug: the manager's server checks whether a requested method is exposed only once it has run
it (before sending the result): a call of an unexposed method is refused with RemoteError, but
it has already run — ``_callmethod('__ior__', ...)`` on a dict proxy still updates the dict.
The real server refuses the call before looking the method up."""

import sys
import threading
from traceback import format_exc

from multiprocessing import util
from multiprocessing.managers import Server, SyncManager, Token

from tests.mutants.base import mutant, violated


class LateCheckingServer(Server):
    def serve_client(self, conn):
        """CPython's ``Server.serve_client``, with the exposure check moved after the call."""
        recv = conn.recv
        send = conn.send
        id_to_obj = self.id_to_obj

        while not self.stop_event.is_set():
            try:
                methodname = obj = None
                request = recv()
                ident, methodname, args, kwds = request
                try:
                    obj, exposed, gettypeid = id_to_obj[ident]
                except KeyError as ke:
                    try:
                        obj, exposed, gettypeid = self.id_to_local_proxy_obj[ident]
                    except KeyError:
                        raise ke from None

                function = getattr(obj, methodname)

                try:
                    res = function(*args, **kwds)
                except Exception as e:
                    msg = ("#ERROR", e)
                else:
                    if methodname not in exposed:
                        raise AttributeError(f"method {methodname!r} of {type(obj)!r} object "
                                             f"is not in exposed={exposed!r}")
                    typeid = gettypeid and gettypeid.get(methodname, None)
                    if typeid:
                        rident, rexposed = self.create(conn, typeid, res)
                        token = Token(typeid, self.address, rident)
                        msg = ("#PROXY", (rexposed, token))
                    else:
                        msg = ("#RETURN", res)

            except AttributeError:
                if methodname is None:
                    msg = ("#TRACEBACK", format_exc())
                else:
                    try:
                        fallback_func = self.fallback_mapping[methodname]
                        result = fallback_func(self, conn, ident, obj, *args, **kwds)
                        msg = ("#RETURN", result)
                    except Exception:
                        msg = ("#TRACEBACK", format_exc())

            except EOFError:
                util.debug("got EOF -- exiting thread serving %r",
                           threading.current_thread().name)
                sys.exit(0)

            except Exception:
                msg = ("#TRACEBACK", format_exc())

            try:
                try:
                    send(msg)
                except Exception:
                    send(("#UNSERIALIZABLE", format_exc()))
            except Exception:
                conn.close()
                sys.exit(1)


class LateCheckingManager(SyncManager):
    _Server = LateCheckingServer


def manager(ctx):
    started = LateCheckingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_unexposed_methods_raise_remote_error": violated("changed"),
}
