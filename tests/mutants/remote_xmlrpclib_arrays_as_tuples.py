"""Bug: the 'xmlrpclib' serializer turns every XML-RPC array it decodes back into a tuple (to
restore the protocol's message tuples, which XML-RPC carries as arrays), so a list value stored
through a manager built with serializer='xmlrpclib' reads back as a tuple.  The real serializer
returns arrays as the lists xmlrpc.client.loads() gives.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
import xmlrpc.client
from multiprocessing import connection
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


def _tuples(obj):
    if isinstance(obj, (list, tuple)):
        return tuple(_tuples(item) for item in obj)
    if isinstance(obj, dict):
        return {key: _tuples(value) for key, value in obj.items()}
    return obj


def _xml_dumps(obj):
    return xmlrpc.client.dumps((obj,), None, None, None, 1).encode("utf-8")


def _xml_loads(s):
    (obj,), _ = xmlrpc.client.loads(s.decode("utf-8"))
    return _tuples(obj)  # the bug: lists become tuples


class XmlListener(connection.XmlListener):
    def accept(self):
        return connection.ConnectionWrapper(connection.Listener.accept(self), _xml_dumps,
                                            _xml_loads)


def XmlClient(*args, **kwds):
    return connection.ConnectionWrapper(connection.Client(*args, **kwds), _xml_dumps,
                                        _xml_loads)


class Server(real.Server):
    def __init__(self, registry, address, authkey, serializer):
        super().__init__(registry, address, authkey, serializer)
        if serializer == "xmlrpclib":
            self.listener.__class__ = XmlListener


class BaseManager(real.BaseManager):
    _Server = Server

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._serializer == "xmlrpclib":
            self._Client = XmlClient


class DictProxy(real.DictProxy):
    def __init__(self, token, serializer, *args, **kwargs):
        super().__init__(token, serializer, *args, **kwargs)
        if serializer == "xmlrpclib":
            self._Client = XmlClient


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_the_xmlrpclib_serializer_carries_simple_values":
        violated("otherwise"),
}
