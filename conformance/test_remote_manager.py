"""Remote managers: a BaseManager subclass serving shared objects on a TCP address, reached by
clients that ``connect()`` with the right authkey — and refused, or told, when something is wrong.

Docs: multiprocessing — Managers (BaseManager, Customized managers, Using a remote manager);
Proxy Objects (Cleanup); Authentication keys.

The implementation's managers module is ``MODULE.managers``; a test double wrapping another
implementation's contexts may name its own as a module attribute ``managers``, else it uses the
managers module of the package its ``Process`` comes from.  Every server started here is shut
down (or killed) when the invariant ends, whatever happens.  The parent reads what a server holds
through the manager object that started it (``held``), never through the client connection an
invariant is judging.
"""

import contextlib
import gc
import os
import pickle
import socket
import time

import pytest
from hypothesis import example

from conformance.actors import managers as actors
from conformance.harness import servers
from conformance.harness.bookkeeping import contents
from conformance.harness.scenario import (KILL_WAIT, kill, shutdown_manager,
                                          start_ending_with_this_process)
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, Violation, expect_raises, judged
from conformance.judge.blocking import expect_returns_within
from conformance.judge.linearizability import FifoQueue, expect_linearizable
from conformance.strategies import QUEUE_OPERATIONS, operation_program, operation_programs

pytestmark = [pytest.mark.requires("remote_managers")]

LOOPBACK = "127.0.0.1"

SHARED_QUEUE = OutcomeTable(
    unit="addresses of a started server",
    acceptable={"bound": "address names the loopback and the port the server is bound to"},
    forbidden={"unbound-address": "after start() the address still has port 0, or another host"},
)

# The intruder writes only through a manager whose connect() returned, so a change by a refused
# client cannot be observed apart from its admission: the dict it wrote is the evidence of that.
WRONG_KEY = OutcomeTable(
    unit="connections with a wrong authkey",
    acceptable={"refused": "connect() raised AuthenticationError"},
    forbidden={"admitted": "connect() succeeded", "other-error": "raised something else"},
)

NOBODY_LISTENS = OutcomeTable(
    unit="connections to a closed port",
    acceptable={"refused": "connect() raised ConnectionRefusedError"},
    forbidden={"connected": "connect() succeeded", "other-error": "raised something else"},
)

SERVER_GONE = OutcomeTable(
    unit="calls to a killed server",
    acceptable={"failed": "raised EOFError or an OSError subclass"},
    forbidden={"returned": "returned as if the server were there",
               "other-error": "raised something else",
               "slow": "took longer than half the deadline to fail"},
)

REGISTERED = OutcomeTable(
    unit="register() options",
    acceptable={"as-registered": "the manager and its proxies are shaped as registered"},
    forbidden={"not-served": "an exposed method did not return what the server's object did",
               "not-a-proxy": "a method in method_to_typeid returned something other than a "
                              "working proxy",
               "not-a-copy": "a method outside method_to_typeid returned something other than a "
                             "plain copy",
               "method-added": "create_method=False added a method anyway"},
)

INITIALIZER = OutcomeTable(
    unit="runs of an initializer",
    acceptable={"in-server": "ran in the server process"},
    forbidden={"elsewhere": "ran in another process"},
)

SERVED = OutcomeTable(
    unit="clients of get_server()",
    acceptable={"served": "connected to get_server().address and changed the server's object"},
    forbidden={"unreachable": "could not connect to get_server().address",
               "write-lost": "the server's object does not hold what the client wrote"},
)

WITH_BLOCK = OutcomeTable(
    unit="with blocks on a manager that was not started",
    acceptable={"as-documented": "__enter__ started the server and returned the manager; "
                                 "__exit__ shut it down"},
    forbidden={"not-started": "__enter__ started no server process",
               "not-itself": "__enter__ returned something other than the manager",
               "not-served": "the started manager did not serve its shared objects",
               "exit-raised": "__exit__ raised",
               "server-running": "after __exit__ the server process still runs"},
)

SERIALIZERS = OutcomeTable(
    unit="serializers",
    acceptable={"carried": "numbers, strings and lists read back as written"},
    forbidden={"otherwise": "values read back differently"},
)

INHERITED_KEY = OutcomeTable(
    unit="children connecting with the inherited authkey",
    acceptable={"connected": "connect() without an authkey worked and the child's write reached "
                             "the server"},
    forbidden={"refused": "connect() without an authkey raised",
               "write-lost": "the child's write is not in the server's dict"},
)

CLEANUP = OutcomeTable(
    unit="looks at a referent while a proxy refers to it",
    acceptable={"kept": "still in the manager and serving calls"},
    forbidden={"deleted-while-referenced": "deleted, or no longer serving calls, while a proxy "
                                           "still referred to it",
               "not-served": "a call through a proxy gave something else"},
)


def new_authkey():
    return os.urandom(16)


def held(server):
    """What the server's shared dict holds, read through the manager that started it."""
    return contents(server.shared_dict(), "read what the server's shared dict holds")


@contextlib.contextmanager
def started_server(target, authkey, *start_args):
    """A started server of the shared typeids on the loopback, with the processes its start()
    added; shut down (and killed if need be) on exit.  ``start_args``: the initializer and its
    arguments; without them, one that ends the server with this process."""
    managers = target.submodule("managers")
    before = set(target.ctx.active_children())
    server = actors.server_class(managers.__name__)(address=(LOOPBACK, 0), authkey=authkey,
                                                    ctx=target.ctx)
    try:
        if start_args:
            server.start(*start_args)
        else:
            start_ending_with_this_process(server)
        yield server, servers.started_since(target.ctx, before)
    finally:
        shutdown_manager(server)


# try_to_connect's judged call: the write it makes through a manager whose connect() returned.
WRITE_AFTER_CONNECT = "writing into the shared dict after connect()"


def connect_in_a_child(s, authkey, *, role, stuck_in, name, address):
    """What one child running ``actors.try_to_connect`` saw: ('connected',), ('raised', class,
    message) when connect() raised, or ('connected-then-raised', class name, message) when
    connect() returned and the write through the manager then raised: connect() did not refuse,
    it only left the failure for the first call (without this, that bug would be judged as the
    write's ``raised``, and "connect() succeeded" could only be seen if a server appeared)."""
    (child,) = s.start_together(actors.try_to_connect, [authkey], role=role,
                                extra_args=(name, address))
    try:
        (seen,) = s.join([child], stuck_in=stuck_in)
    except Violation:
        raised = (child.report() or {}).get("call_raised") or {}
        if raised.get("what") != WRITE_AFTER_CONNECT:
            raise
        return ("connected-then-raised", raised["type"], raised["message"])
    return seen


@invariant(program=operation_programs(QUEUE_OPERATIONS))
@example(program=operation_program(QUEUE_OPERATIONS))
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
        bound = SHARED_QUEUE.counter()
        bound.expect(address[0] == LOOPBACK and address[1] != 0, "unbound-address",
                     f"after start() the manager's address is {address}", "bound")
        bound.verdict()
        clients = s.start_together(actors.record_remote, program, role="client",
                                   extra_args=(name, address, authkey, s.board(len(program)),
                                               s.deadline))
        # The parent connects while the clients work (a connection's set-up over TCP is mostly
        # waiting); it touches the queue only once they are done.
        with judged("a client's connect() and its queue proxy"):
            parent = actors.connected(name, address, authkey).shared_queue()
        histories = s.join(clients, stuck_in="a remote queue call")
        puts = sum(how == "put" for _, ops in program for how, _, _, _ in ops)
        with judged("get_nowait() draining the queue"):
            histories.append(actors.drain(parent, process=len(program), most=puts + 1))
    expect_linearizable(histories, FifoQueue(), "a remote manager's queue", target.deadline)


def test_a_wrong_authkey_is_refused(target):
    """A client connecting with the wrong authkey gets AuthenticationError; the server goes on
    serving clients with the right key.

    Docs: multiprocessing — Authentication keys ("If authentication fails then
    AuthenticationError is raised"); Managers (BaseManager authkey).
    Promises: BMGR-10.
    """
    authkey = new_authkey()
    with target.scenario() as s, started_server(target, authkey) as (server, _):
        name = target.submodule("managers").__name__
        wrong = bytes(b ^ 0xFF for b in authkey)
        seen = connect_in_a_child(s, wrong, role="intruder", stuck_in="connect()", name=name,
                                  address=server.address)
        final = held(server)
    outcomes = WRONG_KEY.counter()
    if seen[0] == "connected":
        outcomes.observe("admitted", f"connected and wrote into the shared dict: {final}")
    elif seen[0] == "connected-then-raised":
        outcomes.observe("admitted", f"connect() returned; the write through it then raised "
                                     f"{seen[1]}: {seen[2]}")
    else:
        _, raised, message = seen
        outcomes.expect(issubclass(raised, target.ctx.AuthenticationError), "other-error",
                        f"{raised.__name__}: {message}", "refused")
    outcomes.verdict()


def test_connect_where_nobody_listens_is_refused(target):
    """``connect()`` to an address where nobody listens raises ConnectionRefusedError at once.

    Docs: multiprocessing — Managers (BaseManager.connect); socket errors (ECONNREFUSED).
    Promises: BMGR-11.
    """
    with target.scenario() as s, socket.socket() as bound:
        bound.bind((LOOPBACK, 0))  # bound but not listening: connections are refused
        name = target.submodule("managers").__name__
        seen = connect_in_a_child(s, new_authkey(), role="client",
                                  stuck_in="connect() to a closed port", name=name,
                                  address=bound.getsockname())
    outcomes = NOBODY_LISTENS.counter()
    if seen[0] == "connected":
        outcomes.observe("connected", "connect() to a closed port returned")
    elif seen[0] == "connected-then-raised":
        outcomes.observe("connected", f"connect() to a closed port returned; the write through "
                                      f"it then raised {seen[1]}: {seen[2]}")
    else:
        outcomes.expect(issubclass(seen[1], ConnectionRefusedError), "other-error",
                        f"raised {seen[1].__name__}: {seen[2]}", "refused")
    outcomes.verdict()


def test_a_call_fails_promptly_once_the_server_is_gone(target):
    """Once the server process is killed, a client's next proxy call raises a connection error
    instead of hanging.

    Docs: multiprocessing — Managers (a proxy's calls go over its connection to the server);
    a broken connection raises (EOFError or an OSError subclass).
    Promises: BMGR-8.
    """
    authkey = new_authkey()
    bound = target.deadline / 2  # generous: a working implementation fails in milliseconds
    with target.scenario() as s, started_server(target, authkey) as (server, started):
        server_process = servers.only_server(started, "kill it")
        board = s.board(2)
        client = s.start(actors.call_after_server_death, target.submodule("managers").__name__,
                         server.address, authkey, board, s.deadline, role="client")
        s.await_slot(board, actors.CONNECTED, 1, what="the client to use its proxy once")
        kill(server_process)
        server_process.join(KILL_WAIT)
        board[actors.KILLED] = 1
        (seen,) = s.join([client], stuck_in="a proxy call to a killed server")
    outcomes = SERVER_GONE.counter()
    if seen[0] == "returned":
        outcomes.observe("returned", f"returned after {seen[1]:.3f} s")
    elif not issubclass(seen[1], (EOFError, OSError)):
        outcomes.observe("other-error", f"raised {seen[1].__name__}")
    else:
        outcomes.expect(seen[2] <= bound, "slow", f"raised {seen[1].__name__} after "
                                                  f"{seen[2]:.3f} s (bound {bound:g} s)",
                        "failed")
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
    with started_server(target, new_authkey()) as (server, _):
        with judged("the registered creating methods and exposed calls"):
            restricted, open_one, factory = server.Restricted(), server.Open(), server.Factory()
            served = (restricted.ping(), open_one.ping(), open_one.secret())
            made, snapshot = factory.make(), factory.snapshot()
        expect_raises(managers.RemoteError, lambda: restricted._callmethod("secret"),
                      "_callmethod('secret') on a proxy registered with exposed=('ping',)")
        expect_raises(managers.RemoteError, lambda: open_one._callmethod("_private"),
                      "_callmethod('_private') on a proxy with default exposure")
        made_serves = isinstance(made, managers.BaseProxy) and made.ping() == "pong"
        added = hasattr(server, "Unlisted")
    outcomes = REGISTERED.counter()
    outcomes.expect(served == ("pong", "pong", "secret"), "not-served",
                    f"ping(), ping(), secret() through the proxies gave {served}",
                    "as-registered")
    outcomes.expect(made_serves, "not-a-proxy",
                    f"make(), listed in method_to_typeid, returned {made!r}", "as-registered")
    outcomes.expect(type(snapshot) is list and snapshot == ["plain"], "not-a-copy",
                    f"snapshot() returned {snapshot!r}", "as-registered")
    outcomes.expect(not added, "method-added",
                    "register('Unlisted', ..., create_method=False) added manager.Unlisted",
                    "as-registered")
    outcomes.verdict()


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
        with judged("shutdown() of a started manager"):
            server.shutdown()
        expect_raises(target.ctx.ProcessError, server.start, "start() after shutdown()")


LINGERING = OutcomeTable(
    unit="shutdowns of a manager whose server outlives shutdown requests and SIGTERM",
    acceptable={"ended": "shutdown() returned and the server process was gone"},
    forbidden={"outlived": "the server process still ran after shutdown() returned"},
)
SHUTDOWN_TIMEOUT = 0.2  # seconds: each of shutdown()'s two waits, before terminate and kill


@pytest.mark.requires("manager_shutdown_timeout")
def test_shutdown_timeout_bounds_the_wait_for_a_lingering_server(target):
    """With ``shutdown_timeout=t``, ``shutdown()`` of a manager whose server does not exit waits
    about t, terminates it, waits about t more, then kills it: it returns, and the server is
    gone.

    Docs: multiprocessing — Managers (BaseManager: "shutdown_timeout is a timeout in seconds
    used to wait until the process used by the manager completes in the shutdown() method. If
    the shutdown times out, the process is terminated. If terminating the process also times
    out, the process is killed"; added in 3.11).
    Promises: BMGR-18.
    """
    managers = target.submodule("managers")
    before = set(target.ctx.active_children())
    manager = managers.BaseManager(address=(LOOPBACK, 0), authkey=new_authkey(), ctx=target.ctx,
                                   shutdown_timeout=SHUTDOWN_TIMEOUT)
    manager.start(actors.linger_at_exit, (10 * target.deadline,))
    started = servers.started_since(target.ctx, before)
    try:
        server = servers.only_server(started, "see the server outlive shutdown()")
        expect_returns_within(manager.shutdown, target.deadline,
                              f"shutdown() with shutdown_timeout={SHUTDOWN_TIMEOUT}")
        still_running = servers.running(server.pid)
    finally:
        servers.stop(started)
    outcomes = LINGERING.counter()
    outcomes.expect(not still_running, "outlived",
                    f"server pid {server.pid} still ran after shutdown() returned", "ended")
    outcomes.verdict()


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
        with started_server(target, new_authkey(), actors.note_pid, (board, 0)) as (_, started):
            server_pid = servers.only_server(started, "see where the initializer ran").pid
            # The docs say "when it starts", not before start() returns: wait, bounded.
            s.await_slot(board, 0, 1, what="the initializer to run in the server process")
            ran_in = board[0]
        refusing = actors.server_class(managers.__name__)(address=(LOOPBACK, 0), ctx=target.ctx)
        try:
            expect_raises(TypeError, lambda: refusing.start(42), "start(initializer=42)")
        finally:
            shutdown_manager(refusing)
    outcomes = INITIALIZER.counter()
    outcomes.expect(ran_in == server_pid, "elsewhere",
                    f"the initializer ran in pid {ran_in}; the server process is {server_pid}",
                    "in-server")
    outcomes.verdict()


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
    outcomes = SERVED.counter()
    with target.scenario() as s:
        board = s.board(3)
        serving = s.start(actors.serve_until_told, managers.__name__, authkey, board,
                          s.deadline, role="server")
        s.await_slot(board, actors.SERVING, 1, what="the server to run serve_forever()")
        address = (LOOPBACK, board[actors.PORT])
        try:
            client = actors.connected(managers.__name__, address, authkey)
        except Exception as error:  # connecting is what the promise is about
            client = None
            outcomes.observe("unreachable", f"connect() to get_server().address {address} "
                                            f"raised {type(error).__name__}: {error}")
        try:
            if client is not None:
                with judged("writing into the served dict"):
                    client.shared_dict()["from-client"] = 1
        finally:
            board[actors.STOP] = 1
        (server_holds,) = s.join([serving], stuck_in="serve_forever()")
    if client is not None:
        outcomes.expect(server_holds == {"from-client": 1}, "write-lost",
                        f"the server's dict after the client's write: {server_holds}", "served")
    outcomes.verdict()


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
    outcomes = WITH_BLOCK.counter()
    try:
        with judged("manager.__enter__()"):
            entered = manager.__enter__()  # the with statement's protocol, step by step
        server = servers.started_since(target.ctx, before)
        outcomes.expect(entered is manager, "not-itself",
                        f"__enter__ returned {entered!r}", "as-documented")
        if not server:
            outcomes.observe("not-started", "no server process after __enter__")
        else:
            with judged("the entered manager's shared dict"):
                shared = manager.shared_dict()
                shared["k"] = 1
            outcomes.expect(contents(shared, "read the started manager's dict") == {"k": 1},
                            "not-served", "the shared dict does not hold the write",
                            "as-documented")
        try:
            manager.__exit__(None, None, None)
        except Exception as error:  # leaving the block is what the promise is about
            outcomes.observe("exit-raised", f"__exit__ raised {type(error).__name__}: {error}")
        alive = [p.pid for p in server if p.is_alive()]
        outcomes.expect(not alive, "server-running",
                        f"after __exit__ the server process {alive} is still running",
                        "as-documented")
    finally:
        shutdown_manager(manager)
    outcomes.verdict()


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
        with judged("connect() to a started server"):
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
    read_back = {}
    for serializer in ("pickle", "xmlrpclib"):
        manager = cls(address=(LOOPBACK, 0), authkey=new_authkey(), serializer=serializer,
                      ctx=target.ctx)
        try:
            with judged(f"start(), writes and reads of a manager with serializer={serializer!r}"):
                manager.start()
                shared = manager.shared_dict()
                shared["number"], shared["text"] = 1, "two"
                shared["list"] = [3, 4.5]
                read_back[serializer] = (shared["number"], shared.get("text"), shared["list"],
                                         len(shared))
        finally:
            shutdown_manager(manager)
    outcomes = SERIALIZERS.counter()
    for serializer, values in read_back.items():
        outcomes.expect(values == (1, "two", [3, 4.5], 3), "otherwise",
                        f"with serializer={serializer!r}: d['number'], d.get('text'), "
                        f"d['list'], len(d) gave {values}", "carried")
    outcomes.verdict()


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
        final = held(server)
    outcomes = INHERITED_KEY.counter()
    if seen[0] == "raised":
        outcomes.observe("refused", f"the child's connect() raised {seen[1].__name__}: "
                                    f"{seen[2]}")
    else:
        outcomes.expect(final == {"intruder": True}, "write-lost",
                        f"the shared dict after the child wrote: {final}", "connected")
    outcomes.verdict()


def test_a_referent_is_deleted_once_no_proxy_refers_to_it(target):
    """A shared object stays in the manager while a proxy in some process still refers to it,
    and is deleted once no proxy does.

    Docs: multiprocessing — Proxy Objects (Cleanup: "A proxy object uses a weakref callback so
    that when it gets garbage collected it deregisters itself from the manager which owns its
    referent. A shared object gets deleted from the manager process when there are no longer any
    proxies referring to it"); Managers (Customized managers: BaseManager.register).
    Promises: MGR-40.
    """
    with target.scenario() as s, started_server(target, new_authkey()) as (server, _):
        board = s.board(1)
        with judged("creating registered objects"):
            tracked, collector = server.Tracked(board, actors.DELETED), server.Collector()
        (child_got,) = s.run(actors.ping, [tracked], role="user", stuck_in="a proxy call")
        # The child has exited, and its proxy with it; this process's proxy still refers.
        deleted_while_referenced = board[actors.DELETED]
        try:
            parent_got = tracked.ping()
        except Exception as error:  # a referent deleted too early no longer serves
            parent_got = f"raised {type(error).__name__}: {error}"
        del tracked
        gc.collect()
        # A server thread may hold the last object it served until its connection's next
        # request, and a collector that does not count references (PyPy's) runs the deleted
        # referent's finaliser only when it collects: keep making a request through the same
        # connection that runs a collection in the server, while waiting (liveness only).
        end = time.monotonic() + s.deadline
        while not board[actors.DELETED] and time.monotonic() < end:
            with judged("collect() through another proxy to the same server"):
                collector.collect()
            board.wait_until(actors.DELETED, 1, 0.1)
        s.await_slot(board, actors.DELETED, 1,
                     what="the manager to delete a referent no proxy refers to")
    outcomes = CLEANUP.counter()
    outcomes.expect(not deleted_while_referenced and parent_got == "pong",
                    "deleted-while-referenced",
                    f"once the child's proxy was gone, while the parent's still referred to it: "
                    f"{'deleted' if deleted_while_referenced else 'not deleted'}, ping() "
                    f"through the parent's proxy gave {parent_got!r}", "kept")
    outcomes.expect(child_got == "pong", "not-served",
                    f"ping() through the child's proxy gave {child_got!r}", "kept")
    outcomes.verdict()
