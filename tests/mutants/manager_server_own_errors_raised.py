"""Bug: the manager's server sends its own failures as plain exceptions (``'#ERROR'``, which the
proxy re-raises as they are) instead of as tracebacks the proxy raises as RemoteError: calling a
method the proxy does not expose raises the server's AttributeError, and ``_getvalue()`` of an
unpicklable referent the TypeError of pickling it.  The real server reports both as
``'#TRACEBACK'``/``'#UNSERIALIZABLE'``, which reach the caller as RemoteError."""

import sys
import threading
from multiprocessing import util
from multiprocessing.managers import Server, SyncManager, Token
from traceback import format_exc

from tests.mutants.base import mutant, violated


class PlainErrorServer(Server):
    def serve_client(self, conn):
        """CPython's ``Server.serve_client``, with the server's own errors sent as '#ERROR'."""
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

                if methodname not in exposed:
                    raise AttributeError(f"method {methodname!r} of {type(obj)!r} object "
                                         f"is not in exposed={exposed!r}")

                function = getattr(obj, methodname)

                try:
                    res = function(*args, **kwds)
                except Exception as e:
                    msg = ("#ERROR", e)
                else:
                    typeid = gettypeid and gettypeid.get(methodname, None)
                    if typeid:
                        rident, rexposed = self.create(conn, typeid, res)
                        token = Token(typeid, self.address, rident)
                        msg = ("#PROXY", (rexposed, token))
                    else:
                        msg = ("#RETURN", res)

            except AttributeError as refused:
                if methodname is None:
                    msg = ("#TRACEBACK", format_exc())
                else:
                    try:
                        fallback_func = self.fallback_mapping[methodname]
                    except KeyError:
                        msg = ("#ERROR", refused)  # the bug: not ("#TRACEBACK", format_exc())
                    else:
                        try:
                            result = fallback_func(self, conn, ident, obj, *args, **kwds)
                            msg = ("#RETURN", result)
                        except Exception as e:
                            msg = ("#ERROR", e)  # the bug again

            except EOFError:
                util.debug("got EOF -- exiting thread serving %r",
                           threading.current_thread().name)
                sys.exit(0)

            except Exception:
                msg = ("#TRACEBACK", format_exc())

            try:
                try:
                    send(msg)
                except Exception as e:
                    send(("#ERROR", e))  # the bug again: not ("#UNSERIALIZABLE", format_exc())
            except Exception:
                conn.close()
                sys.exit(1)


class PlainErrorManager(SyncManager):
    _Server = PlainErrorServer


def manager(ctx):
    started = PlainErrorManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_unexposed_methods_raise_remote_error": violated("raised-other"),
    "test_proxies.py::test_getvalue_of_an_unpicklable_referent_raises": violated("raised-other"),
}
