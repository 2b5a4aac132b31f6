"""Bug: every auto-proxy registers the finaliser that decrements its referent's count when it
is collected, also a proxy made with ``incref=False`` (one rebuilt in a spawned child while it
unpickles its arguments), which never incremented it: when such a child exits, its proxy takes
away the count of the parent's proxy and the server deletes the referent while the parent still
refers to it.  The real proxy registers that finaliser in ``_incref``, only once it has counted
itself.  Only spawn shows it: a forked child (fork, forkserver) clears the finalisers it
unpickled or inherited and increfs its proxies after the fork, so the counts balance; a spawned
child runs no after-fork handlers.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
from multiprocessing import process, util
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class DecrefsUncounted(BaseProxy):
    def __init__(self, token, serializer, manager=None, authkey=None, exposed=None,
                 incref=True, manager_owned=False):
        super().__init__(token, serializer, manager=manager, authkey=authkey, exposed=exposed,
                         incref=incref, manager_owned=manager_owned)
        if not incref and not manager_owned:  # the bug: a decref for a count never taken
            self._idset.add(self._id)
            state = self._manager and self._manager._state
            self._close = util.Finalize(
                self, BaseProxy._decref,
                args=(self._token, self._authkey, state, self._tls, self._idset, self._Client),
                exitpriority=10)

    def __reduce__(self):
        rebuild, (func, token, serializer, kwds) = super().__reduce__()
        return rebuild, (AutoProxy if func is real.AutoProxy else func, token, serializer, kwds)


def MakeProxyType(name, exposed, _cache={}):
    exposed = tuple(exposed)
    try:
        return _cache[(name, exposed)]
    except KeyError:
        pass
    dic = {}
    for meth in exposed:
        exec(f"def {meth}(self, /, *args, **kwds):\n"
             f"    return self._callmethod({meth!r}, args, kwds)", dic)
    ProxyType = type(name, (DecrefsUncounted,), dic)
    ProxyType._exposed_ = exposed
    _cache[(name, exposed)] = ProxyType
    return ProxyType


def AutoProxy(token, serializer, manager=None, authkey=None, exposed=None, incref=True,
              manager_owned=False):
    if exposed is None:
        conn = real.listener_client[serializer][1](token.address, authkey=authkey)
        try:
            exposed = real.dispatch(conn, None, "get_methods", (token,))
        finally:
            conn.close()
    if authkey is None and manager is not None:
        authkey = manager._authkey
    if authkey is None:
        authkey = process.current_process().authkey
    ProxyType = MakeProxyType(f"AutoProxy[{token.typeid}]", exposed)
    proxy = ProxyType(token, serializer, manager=manager, authkey=authkey, incref=incref,
                      manager_owned=manager_owned)
    proxy._isauto = True
    return proxy


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_referent_is_deleted_once_no_proxy_refers_to_it":
        violated("deleted-while-referenced", under=("spawn",)),
}
