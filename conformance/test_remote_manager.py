"""Remote managers: a BaseManager subclass serving shared objects on a TCP address, reached by
clients that ``connect()`` with the right authkey — and refused, or told, when something is wrong.

Docs: multiprocessing — Managers (BaseManager, Customized managers, Using a remote manager);
Authentication keys.

The implementation's managers module is ``MODULE.managers``; a test double wrapping another
implementation's contexts may name its own as a module attribute ``managers``, else it uses the
managers module of the package its ``Process`` comes from.  Every server started here is shut
down (or killed) when the invariant ends, whatever happens.
"""

import contextlib
import os
import pickle
import socket

import pytest

from conformance.actors import managers as actors
from conformance.harness.scenario import KILL_WAIT, kill, shutdown_manager
from conformance.invariants import invariant
from conformance.judge import Outcomes, expect_raises, violation
from conformance.judge.linearizability import FifoQueue
from conformance.test_manager_containers import (
    QUEUE_OPERATIONS,
    drained,
    expect_linearizable,
    operation_programs,
)

pytestmark = pytest.mark.requires("remote_managers")

LOOPBACK = "127.0.0.1"


def new_authkey():
    return os.urandom(16)


@contextlib.contextmanager
def started_server(target, authkey, *start_args):
    """A started server of the shared typeids on the loopback, with its process; shut down (and
    killed if need be) on exit.  ``start_args``: the initializer and its arguments."""
    managers = target.submodule("managers")
    before = set(target.ctx.active_children())
    server = actors.server_class(managers.__name__)(address=(LOOPBACK, 0), authkey=authkey,
                                                    ctx=target.ctx)
    try:
        server.start(*start_args)
        process = [p for p in target.ctx.active_children() if p not in before]
        yield server, process
    finally:
        shutdown_manager(server)


@invariant(program=operation_programs(QUEUE_OPERATIONS))
def test_clients_of_a_remote_manager_share_its_queue(target, program):
    """Client processes that ``connect()`` to a server at its real address (the port filled in
    by ``start()``) with typeids registered without callables all reach the same queue: their
    concurrent puts and gets, then a drain, form a linearizable history of one FIFO queue.

    Docs: multiprocessing — Managers (Using a remote manager: another client "can access the
    queue"; BaseManager.connect; BaseManager.address).
    Promises: BMGR-1, BMGR-8, BMGR-9.
    """
    authkey = new_authkey()
    with target.scenario() as s, started_server(target, authkey) as (server, _):
        name, address = target.submodule("managers").__name__, server.address
        assert address[0] == LOOPBACK and address[1] != 0, \
            f"after start() the manager's address is {address}; expected the bound port"
        histories = s.run(actors.record_remote, program, role="client",
                          stuck_in="a remote queue call",
                          extra_args=(name, address, authkey, s.board(len(program)),
                                      s.deadline))
        parent = actors.connected(name, address, authkey).shared_queue()
        histories.append(drained(parent, process=len(program)))
    expect_linearizable(histories, FifoQueue(), "a remote manager's queue", target.deadline)


def test_a_wrong_authkey_is_refused(target):
    """A client connecting with the wrong authkey gets AuthenticationError and changes nothing;
    the server goes on serving clients with the right key.

    Docs: multiprocessing — Authentication keys ("If authentication fails then
    AuthenticationError is raised"); Managers (BaseManager authkey).
    Promises: BMGR-10.
    """
    authkey = new_authkey()
    with target.scenario() as s, started_server(target, authkey) as (server, _):
        name = target.submodule("managers").__name__
        wrong = bytes(b ^ 0xFF for b in authkey)
        (seen,) = s.run(actors.try_to_connect, [wrong], role="intruder", stuck_in="connect()",
                        extra_args=(name, server.address))
        final = actors.connected(name, server.address, authkey).shared_dict().copy()
    outcomes = Outcomes(
        unit="connections with a wrong authkey",
        acceptable={"refused": "connect() raised AuthenticationError"},
        forbidden={"admitted": "connect() succeeded", "other-error": "raised something else"},
    )
    if seen[0] == "connected":
        outcomes.observe("admitted", f"connected and wrote into the shared dict: {final}")
    else:
        _, raised, message = seen
        outcomes.expect(issubclass(raised, target.ctx.AuthenticationError), "other-error",
                        f"{raised.__name__}: {message}", "refused")
    outcomes.verdict()
    assert final == {}, f"the shared dict after the refused client: {final}"


def test_connect_where_nobody_listens_is_refused(target):
    """``connect()`` to an address where nobody listens raises ConnectionRefusedError at once.

    Docs: multiprocessing — Managers (BaseManager.connect); socket errors (ECONNREFUSED).
    Promises: BMGR-11.
    """
    with target.scenario() as s, socket.socket() as bound:
        bound.bind((LOOPBACK, 0))  # bound but not listening: connections are refused
        name = target.submodule("managers").__name__
        (seen,) = s.run(actors.try_to_connect, [new_authkey()], role="client",
                        stuck_in="connect() to a closed port",
                        extra_args=(name, bound.getsockname()))
    assert seen[0] == "raised" and issubclass(seen[1], ConnectionRefusedError), \
        f"connect() to a closed port: {seen}"


def test_a_call_fails_promptly_once_the_server_is_gone(target):
    """Once the server process is killed, a client's next proxy call raises a connection error
    instead of hanging.

    Docs: multiprocessing — Managers (a proxy's calls go over its connection to the server);
    a broken connection raises (EOFError or an OSError subclass).
    Promises: BMGR-8.
    """
    authkey = new_authkey()
    bound = target.deadline / 2  # generous: a working implementation fails in milliseconds
    with target.scenario() as s, started_server(target, authkey) as (server, process):
        assert process, "start() started no server process"
        board = s.board(2)
        client = s.start(actors.call_after_server_death, target.submodule("managers").__name__,
                         server.address, authkey, board, s.deadline, role="client")
        s.await_slot(board, actors.CONNECTED, 1, what="the client to use its proxy once")
        for server_process in process:
            kill(server_process)
            server_process.join(KILL_WAIT)
        board[actors.KILLED] = 1
        (seen,) = s.join([client], stuck_in="a proxy call to a killed server")
    outcomes = Outcomes(
        unit="calls to a killed server",
        acceptable={"failed": "raised EOFError or an OSError subclass"},
        forbidden={"returned": "returned as if the server were there",
                   "other-error": "raised something else",
                   "slow": f"took longer than {bound:g} s to fail"},
    )
    if seen[0] == "returned":
        outcomes.observe("returned", f"returned after {seen[1]:.3f} s")
    elif not issubclass(seen[1], (EOFError, OSError)):
        outcomes.observe("other-error", f"raised {seen[1].__name__}")
    else:
        outcomes.expect(seen[2] <= bound, "slow", f"raised {seen[1].__name__} after "
                                                  f"{seen[2]:.3f} s", "failed")
    outcomes.verdict()


def test_register_options_shape_the_proxies(target):
    """``register()`` adds a creating method per typeid whose objects live in the server;
    ``exposed`` limits the callable methods (the rest, and '_' names, raise RemoteError);
    ``method_to_typeid`` makes a method return a proxy while others return copies; and
    ``create_method=False`` adds no method.

    Docs: multiprocessing — Managers (BaseManager.register: callable, exposed,
    method_to_typeid, create_method; Customized managers).
    Promises: BMGR-13, BMGR-14, BMGR-15, BMGR-16.
    """
    managers = target.submodule("managers")
    remote_error = managers.RemoteError
    with started_server(target, new_authkey()) as (server, _):
        restricted, open_one, factory = server.Restricted(), server.Open(), server.Factory()
        assert (restricted.ping(), open_one.ping(), open_one.secret()) == \
               ("pong", "pong", "secret"), "exposed methods did not run in the server"
        expect_raises(remote_error, lambda: restricted._callmethod("secret"),
                      "_callmethod('secret') on a proxy registered with exposed=('ping',)")
        expect_raises(remote_error, lambda: open_one._callmethod("_private"),
                      "_callmethod('_private') on a proxy with default exposure")
        made, snapshot = factory.make(), factory.snapshot()
        assert isinstance(made, managers.BaseProxy) and made.ping() == "pong", \
            f"make() listed in method_to_typeid returned {made!r}; expected a proxy"
        assert snapshot == ["plain"] and type(snapshot) is list, \
            f"snapshot() returned {snapshot!r}; expected a plain list"
        assert not hasattr(server, "Unlisted"), \
            "register(..., create_method=False) added a method anyway"


def test_a_manager_starts_only_once(target):
    """``start()`` on a started manager, ``start()`` after ``shutdown()`` and ``get_server()``
    on a started manager raise ProcessError.

    Docs: multiprocessing — Managers (BaseManager.start, get_server); CPython raises
    ProcessError("Already started server") / ("Manager has shut down").
    Promises: BMGR-5, BMGR-7.
    """
    with started_server(target, new_authkey()) as (server, _):
        expect_raises(target.ctx.ProcessError, server.start, "start() on a started manager")
        expect_raises(target.ctx.ProcessError, server.get_server,
                      "get_server() on a started manager")
        server.shutdown()
        expect_raises(target.ctx.ProcessError, server.start, "start() after shutdown()")


def test_start_runs_the_initializer_in_the_server(target):
    """``start(initializer, initargs)`` runs ``initializer(*initargs)`` in the server process
    when it starts; a non-callable initializer raises TypeError.

    Docs: multiprocessing — Managers (BaseManager.start: "If initializer is not None then the
    subprocess will call initializer(*initargs) when it starts").
    Promises: BMGR-4.
    """
    managers = target.submodule("managers")
    with target.scenario() as s:
        board = s.board(1)
        with started_server(target, new_authkey(), actors.note_pid, (board, 0)) as (_, process):
            # The docs say "when it starts", not before start() returns: wait, bounded.
            s.await_slot(board, 0, 1, what="the initializer to run in the server process")
            ran_in = board[0]
        refusing = actors.server_class(managers.__name__)(address=(LOOPBACK, 0), ctx=target.ctx)
        try:
            expect_raises(TypeError, lambda: refusing.start(42), "start(initializer=42)")
        finally:
            shutdown_manager(refusing)
    assert process and ran_in == process[0].pid, \
        f"the initializer ran in pid {ran_in or 'none'}; the server process is " \
        f"{[p.pid for p in process]}"


def test_get_server_serves_clients(target):
    """``get_server()`` returns a server whose ``address`` is where it listens; once
    ``serve_forever()`` runs, a client can ``connect()`` and change objects held in the
    server's process.

    Docs: multiprocessing — Managers (BaseManager.get_server: "Returns a Server object ... which
    has a serve_forever() method"; the example "server = manager.get_server();
    server.serve_forever()").
    Promises: BMGR-6.
    """
    managers = target.submodule("managers")
    authkey = new_authkey()
    with target.scenario() as s:
        board = s.board(3)
        serving = s.start(actors.serve_until_told, managers.__name__, authkey, board,
                          s.deadline, role="server")
        s.await_slot(board, actors.SERVING, 1, what="the server to run serve_forever()")
        address = (LOOPBACK, board[actors.PORT])
        try:
            client = actors.connected(managers.__name__, address, authkey)
            client.shared_dict()["from-client"] = 1
        except Exception as error:
            raise violation("unreachable", f"a client could not connect to "
                                           f"get_server().address {address}: "
                                           f"{type(error).__name__}: {error}") from error
        finally:
            board[actors.STOP] = 1
        (held,) = s.join([serving], stuck_in="serve_forever()")
    assert held == {"from-client": 1}, f"the server's dict after the client's write: {held}"


def test_authkey_must_be_bytes(target):
    """A str authkey is refused with TypeError.

    Docs: multiprocessing — Managers (BaseManager: "authkey is the authentication key ... must
    be a byte string").
    Promises: BMGR-3.
    """
    cls = actors.server_class(target.submodule("managers").__name__)
    made = []

    def construct_and_start():
        made.append(cls(address=(LOOPBACK, 0), authkey="not bytes", ctx=target.ctx))
        made[-1].start()

    try:
        expect_raises(TypeError, construct_and_start, "a manager with authkey='not bytes'")
    finally:
        for manager in made:
            shutdown_manager(manager)


def test_a_manager_cannot_be_pickled(target):
    """Pickling a manager object raises TypeError: its authkey refuses to be pickled.

    Docs: multiprocessing — Authentication keys (the authkey is never sent over a connection);
    CPython's AuthenticationString refuses pickling outside spawning a process.
    Promises: BMGR-20.
    """
    cls = actors.server_class(target.submodule("managers").__name__)
    manager = cls(address=(LOOPBACK, 0), authkey=new_authkey(), ctx=target.ctx)
    expect_raises(TypeError, lambda: pickle.dumps(manager), "pickle.dumps(manager)")


def test_with_starts_a_manager_and_shuts_it_down(target):
    """``with`` on a manager that was not started starts it and returns it, and leaving the
    block shuts it down: its server process has exited.

    Docs: multiprocessing — Managers (BaseManager: "__enter__() starts the server process (if
    it has not already started) and then returns the manager object. __exit__() calls
    shutdown()").
    Promises: BMGR-17.
    """
    cls = actors.server_class(target.submodule("managers").__name__)
    before = set(target.ctx.active_children())
    manager = cls(address=(LOOPBACK, 0), authkey=new_authkey(), ctx=target.ctx)
    try:
        with manager as entered:
            server = [p for p in target.ctx.active_children() if p not in before]
            entered.shared_dict()["k"] = 1
            held = entered.shared_dict().copy()
        assert entered is manager, "with manager as m: m is not the manager"
        assert server, "entering the with block started no server process"
        assert held == {"k": 1}, f"the started manager's dict holds {held}"
        alive = [p.pid for p in server if p.is_alive()]
        assert not alive, f"after the with block the server process {alive} is still running"
    finally:
        shutdown_manager(manager)


def test_shutdown_exists_only_after_start(target):
    """A manager that was never started, or was only ``connect()``-ed to a server, has no
    ``shutdown``: reaching it raises AttributeError.

    Docs: multiprocessing — Managers (BaseManager.shutdown: "This is only available if start()
    has been used to start the server process").
    Promises: BMGR-12.
    """
    authkey = new_authkey()
    name = target.submodule("managers").__name__
    never_started = actors.server_class(name)(address=(LOOPBACK, 0), authkey=authkey,
                                              ctx=target.ctx)
    expect_raises(AttributeError, lambda: never_started.shutdown,
                  "manager.shutdown on a manager never started")
    with started_server(target, authkey) as (server, _):
        client = actors.connected(name, server.address, authkey)
        expect_raises(AttributeError, lambda: client.shutdown,
                      "manager.shutdown on a manager that was only connect()-ed")


def test_the_xmlrpclib_serializer_carries_simple_values(target):
    """A manager built with ``serializer='xmlrpclib'`` serves simple values (numbers, strings,
    lists) to its proxies as one built with the default ``'pickle'`` does.

    Docs: multiprocessing — Managers (BaseManager: "serializer must be 'pickle' (use pickle
    serialization) or 'xmlrpclib' (use xmlrpc.client serialization)").
    Promises: BMGR-19.
    """
    cls = actors.server_class(target.submodule("managers").__name__)
    held = {}
    for serializer in ("pickle", "xmlrpclib"):
        manager = cls(address=(LOOPBACK, 0), authkey=new_authkey(), serializer=serializer,
                      ctx=target.ctx)
        try:
            manager.start()
            shared = manager.shared_dict()
            shared["number"], shared["text"] = 1, "two"
            shared["list"] = [3, 4.5]
            held[serializer] = (shared["number"], shared.get("text"), shared["list"],
                                len(shared))
        finally:
            shutdown_manager(manager)
    assert held["xmlrpclib"] == held["pickle"] == (1, "two", [3, 4.5], 3), \
        f"values read back through each serializer: {held}"


def test_a_child_connects_with_the_inherited_authkey(target):
    """A manager started with ``authkey=None`` uses the process's authkey; a child process,
    which inherits it, can ``connect()`` without passing an authkey and use the shared objects.

    Docs: multiprocessing — Managers (BaseManager: "If authkey is None then
    current_process().authkey is used"); Process and exceptions (authkey: "When a process is
    created ... it inherits the authentication key of its parent process").
    Promises: BMGR-2.
    """
    with target.scenario() as s, started_server(target, None) as (server, _):
        name = target.submodule("managers").__name__
        (seen,) = s.run(actors.try_to_connect, [None], role="child",
                        stuck_in="connect() without an authkey",
                        extra_args=(name, server.address))
        final = actors.connected(name, server.address, None).shared_dict().copy()
    assert seen == ("connected",), f"the child's connect() without an authkey: {seen}"
    assert final == {"intruder": True}, f"the shared dict after the child wrote: {final}"
