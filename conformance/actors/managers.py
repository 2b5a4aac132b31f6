"""Manager users: recorders of operation histories on proxies, task-done consumers and a joiner,
receivers of proxies sent through queues, pipes and process arguments, owners of managers, tasks
for a manager's Pool, and clients of a remote manager.

A recorder's plan is ``(process, ops)``; each op is ``(how, key, arg, delay)``, where ``how``
names an entry of ``OPERATIONS``: the operation the history records it as and what it does to the
proxy.  The recorder returns its history as plain tuples (``conformance.history.Operation``).

Join board layout (``JOINING``, then one slot per consumer at ``DONE + c``): the joiner sets
``JOINING`` just before it calls ``join()``; consumer c counts in its slot each item it has
finished, before calling ``task_done()`` for it, so once ``join()`` has returned every finished
item has been counted.

Remote managers: the server class is a subclass of the implementation's ``BaseManager``, with the
typeids below registered.  A server process started with ``spawn`` unpickles that class by name, so
it lives in this module under a name that encodes the implementation's managers module
(``RemoteServer_<hex of the module name>``), built on first access by the module's
``__getattr__``.  Clients build a class of their own that registers the same typeids without
callables, as a client of a remote manager does.
"""

import gc
import importlib
import os
import queue
import time

from conformance.actors.common import pause
from conformance.harness.child import judged
from conformance.history import OK, Recorder

# --- operation histories -----------------------------------------------------------------------

OPERATIONS = {
    # how: (recorded as, what it does to the proxy given key and arg)
    "setitem": ("write", lambda shared, key, arg: shared.__setitem__(key, arg)),
    "getitem": ("read", lambda shared, key, arg: shared[key]),
    "get": ("read", lambda shared, key, arg: shared.get(key)),
    "append": ("append", lambda shared, key, arg: shared.append(arg)),
    "slice": ("read", lambda shared, key, arg: shared[:]),
    "len": ("len", lambda shared, key, arg: len(shared)),
    "setattr": ("write", lambda shared, key, arg: setattr(shared, key, arg)),
    "getattr": ("read", lambda shared, key, arg: getattr(shared, key)),
    "value=": ("write", lambda shared, key, arg: setattr(shared, "value", arg)),
    "set": ("write", lambda shared, key, arg: shared.set(arg)),
    ".value": ("read", lambda shared, key, arg: shared.value),
    "get()": ("read", lambda shared, key, arg: shared.get()),
    "put": ("put", lambda shared, key, arg: shared.put(arg)),
    "get_nowait": ("get", lambda shared, key, arg: shared.get_nowait()),
    "get(timeout)": ("get", lambda shared, key, arg: shared.get(timeout=arg)),
}

# Exceptions that are definite results, per operation: what they say about the shared object.
DEFINITE = {
    "getitem": {KeyError: "absent", IndexError: "absent"},
    "getattr": {AttributeError: "absent"},
    "get_nowait": {queue.Empty: "empty"},
    "get(timeout)": {queue.Empty: "empty"},
}


def connect_together(shared, board, index, deadline):
    """Make an unrecorded call (``str``), which opens this process's connection to the manager,
    then wait until every process on the board has: a first call costs more than many calls, so
    without this the processes' operations would hardly overlap."""
    str(shared)
    board[index] = 1
    for other in range(len(board)):
        if not board.wait_until(other, 1, deadline):
            raise RuntimeError(f"process {other} never connected to the manager")


def record(shared, board, deadline, plan):
    """Connect together with the other recorders, then perform each op of the plan on the proxy,
    recording it; return the history.  An op that raises what it may not is judged evidence."""
    process, ops = plan
    connect_together(shared, board, process, deadline)
    definite = {}
    for how, _, _, _ in ops:
        definite.update(DEFINITE.get(how, {}))
    recorder = Recorder(process, definite)
    for how, key, arg, delay in ops:
        name, perform = OPERATIONS[how]
        with judged(f"{how} (key {key!r}, argument {arg!r})"):
            recorder.call(name, lambda arg: perform(shared, key, arg), arg, key=key)
        pause(delay)
    return [tuple(operation) for operation in recorder.operations]


def drain(shared_queue, process, most):
    """Record ``get_nowait()`` until the queue says it is empty, at most ``most`` times (as
    recorder ``process``); return the history."""
    recorder = Recorder(process, {queue.Empty: "empty"})
    for _ in range(most):
        if recorder.call("get", shared_queue.get_nowait).status != OK:
            break
    return [tuple(operation) for operation in recorder.operations]


# --- task_done and join ------------------------------------------------------------------------

JOINING = 0
DONE = 1


def finish_tasks(shared_queue, board, deadline, plan):
    """Consumer: take ``len(delays)`` items, then, once the joiner is joining, finish each (its
    delay), count it on the board and call ``task_done()``.  Return the items taken."""
    consumer, delays = plan
    with judged("get() of an item put before this consumer started"):
        taken = [shared_queue.get(timeout=deadline) for _ in delays]
    if not board.wait_until(JOINING, 1, deadline):
        raise RuntimeError("the joiner never announced it was joining")
    for delay in delays:
        pause(delay)
        board[DONE + consumer] += 1
        with judged("task_done() for an item taken"):
            shared_queue.task_done()
    return taken


def join_queue(shared_queue, board, consumers):
    """Joiner: announce, ``join()``, and return how many items were finished when it returned."""
    board[JOINING] = 1
    with judged("join()"):
        shared_queue.join()
    return sum(board[DONE + consumer] for consumer in range(consumers))


# --- proxies in other processes ----------------------------------------------------------------


def receive_and_write(route, carrier, key, value, deadline):
    """Receive a dict proxy (as the argument itself, from a queue or from a pipe) and write
    ``key: value`` through it; return the type name of what was received."""
    if route == "argument":
        proxy = carrier
    elif route == "queue":
        proxy = carrier.get(timeout=deadline)
    else:
        if not carrier.poll(deadline):
            raise RuntimeError("nothing arrived through the pipe")
        proxy = carrier.recv()
    with judged(f"writing through the proxy received by {route}"):
        proxy[key] = value
    return type(proxy).__name__


def write_nested(outer, key, value, index):
    """Write ``key: value`` into the container proxy stored at ``outer[index]``."""
    with judged(f"l[{index}][{key!r}] = {value!r} through the proxy stored in a list proxy"):
        outer[index][key] = value


# --- large items -------------------------------------------------------------------------------

def large_item(size):
    """``size`` bytes whose content says where each byte belongs, so damage shows."""
    return (bytes(range(251)) * (size // 251 + 1))[:size]


def put_large_item(shared_queue, size):
    """Put one large item and return at once: the process then exits."""
    with judged(f"put() of a {size}-byte item"):
        shared_queue.put(large_item(size))
    return True


TOLD = 0  # reader board: the parent has done what the reader is to look at


def read_when_told(namespace, board, names, deadline):
    """Wait until told, then read each named attribute (as ``read_attribute`` does)."""
    if not board.wait_until(TOLD, 1, deadline):
        raise RuntimeError("never told to read")
    return [read_attribute(namespace, name) for name in names]


def read_attribute(namespace, name):
    """What reading ``namespace.<name>`` gives in this process: ('value', v) or ('raised', type
    name)."""
    try:
        return ("value", getattr(namespace, name))
    except Exception as error:
        return ("raised", type(error).__name__)


# --- owners of managers -----------------------------------------------------------------------

SERVER_PID = 0  # owner board: the pid of the owner's manager's server process


def own_a_manager(module_name, method, board):
    """Start ``Manager()`` of the implementation under test, publish its server process's pid,
    use a proxy once, and return: the process then exits, leaving the manager to its fate."""
    ctx = importlib.import_module(module_name).get_context(method)
    before = set(ctx.active_children())
    manager = ctx.Manager()
    started = [p for p in ctx.active_children() if p not in before]
    if len(started) != 1:
        raise RuntimeError(f"Manager() started {len(started)} processes, not one server")
    board[SERVER_PID] = started[0].pid
    shared = manager.dict()
    shared["used"] = True
    return True


# --- tasks for a manager's Pool ----------------------------------------------------------------

def square(number):
    return number * number


def fail(message):
    raise ValueError(message)


RELEASE = 0  # pool board: the parent lets a waiting task finish
FIRST_MAY_FINISH = 1  # the last task of first_finishes_last has run


def finish_when_released(board, deadline, result):
    """Return ``result`` once the parent releases the task (None if it never does)."""
    return result if board.wait_until(RELEASE, 1, deadline) else None


def first_finishes_last(task):
    """Task 0 returns only once the last task has run; with two workers the others run, in
    order, on the worker task 0 leaves free, each result sent before the next task starts: so
    every other result is sent before task 0's (task 0 returns None if the last never runs)."""
    board, index, count, deadline = task
    if index == 0:
        return index if board.wait_until(FIRST_MAY_FINISH, 1, deadline) else None
    if index == count - 1:
        board[FIRST_MAY_FINISH] = 1
    return index


# --- remote managers ---------------------------------------------------------------------------

SERVER_PREFIX = "RemoteServer_"
CLIENT_PREFIX = "RemoteClient_"

_shared = {}


def shared_queue():
    """The server's one queue: every call returns the same object."""
    return _shared.setdefault("queue", queue.Queue())


def shared_dict():
    """The server's one dict: every call returns the same object."""
    return _shared.setdefault("dict", {})


class Restricted:
    """A referent with a public method, another public method and a private one."""

    def ping(self):
        return "pong"

    def secret(self):
        return "secret"

    def _private(self):
        return "private"


DELETED = 0  # cleanup board: the Tracked referent has been deleted


class Tracked:
    """A referent that says on the board when it is deleted: ``board[slot]`` becomes 1."""

    def __init__(self, board, slot):
        self.board = board
        self.slot = slot

    def ping(self):
        return "pong"

    def __del__(self):
        self.board[self.slot] = 1


class Collector:
    """A referent whose ``collect()`` runs the server's cyclic garbage collector: where objects
    are not reference-counted (PyPy), a deleted referent's finaliser runs only then."""

    def collect(self):
        gc.collect()
        return True


class Factory:
    """A referent whose ``make()`` returns a new object and ``snapshot()`` a plain list."""

    def make(self):
        return Restricted()

    def snapshot(self):
        return ["plain"]


def _typeids(managers):
    """(typeid, callable, options) of every typeid a remote server and its clients register."""
    auto = {"proxytype": getattr(managers, "AutoProxy", None)}
    return [
        ("shared_queue", shared_queue, auto),
        ("shared_dict", shared_dict, {"proxytype": managers.DictProxy}),
        ("Restricted", Restricted, {**auto, "exposed": ("ping",)}),
        ("Open", Restricted, auto),
        ("Factory", Factory, {**auto, "method_to_typeid": {"make": "Made"}}),
        ("Made", None, {**auto, "create_method": False}),  # wraps what make() returns
        ("Unlisted", Restricted, {**auto, "create_method": False}),
        ("Tracked", Tracked, auto),
        ("Collector", Collector, auto),
    ]


def _manager_class(name):
    server = name.startswith(SERVER_PREFIX)
    prefix = SERVER_PREFIX if server else CLIENT_PREFIX
    managers = importlib.import_module(bytes.fromhex(name[len(prefix):]).decode())
    cls = type(name, (managers.BaseManager,), {"__module__": __name__, "__qualname__": name})
    for typeid, make, options in _typeids(managers):
        cls.register(typeid, make if server else None, **options)
    globals()[name] = cls
    return cls


def __getattr__(name):
    if name.startswith((SERVER_PREFIX, CLIENT_PREFIX)):
        return _manager_class(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def ping(proxy):
    """Call ``ping()`` through a proxy received from the parent; return what it returned."""
    with judged("ping() through a proxy received from another process"):
        return proxy.ping()


def linger_at_exit(seconds):
    """A server initializer: ignore SIGTERM and keep a non-daemonic thread running for
    ``seconds``, so the server outlives a shutdown request (its exit joins the thread) and a
    terminate(): only kill() ends it."""
    import signal
    import threading

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=time.sleep, args=(seconds,), name="lingering").start()


def note_pid(board, slot):
    """A manager initializer: write the pid of the process running it on the board."""
    board[slot] = os.getpid()


def server_class(managers_name):
    """The BaseManager subclass serving the shared typeids, for the named managers module."""
    return __getattr__(SERVER_PREFIX + managers_name.encode().hex())


def client_class(managers_name):
    """The BaseManager subclass registering the shared typeids without callables."""
    return __getattr__(CLIENT_PREFIX + managers_name.encode().hex())


def connected(managers_name, address, authkey):
    """A client manager connected to the server at ``address``."""
    client = client_class(managers_name)(address=address, authkey=authkey)
    client.connect()
    return client


def record_remote(managers_name, address, authkey, board, deadline, plan):
    """Connect, then record the plan's ops on the server's shared queue."""
    shared = connected(managers_name, address, authkey).shared_queue()
    return record(shared, board, deadline, plan)


def try_to_connect(managers_name, address, authkey):
    """Connect and, if that works, write ``intruder`` into the shared dict.  Return ('connected',)
    or ('raised', exception class, message)."""
    try:
        client = connected(managers_name, address, authkey)
    except Exception as error:
        return ("raised", type(error), str(error))
    with judged("writing into the shared dict after connect()"):
        client.shared_dict()["intruder"] = True
    return ("connected",)


CONNECTED = 0  # server-death board: the client has a working proxy
KILLED = 1  # the parent has killed the server


def call_after_server_death(managers_name, address, authkey, board, deadline):
    """Use a dict proxy once, wait until the server is killed, call it again.  Return
    ('returned', seconds) or ('raised', exception class, seconds)."""
    proxy = connected(managers_name, address, authkey).shared_dict()
    proxy["alive"] = True
    board[CONNECTED] = 1
    if not board.wait_until(KILLED, 1, deadline):
        raise RuntimeError("the server was never killed")
    started = time.monotonic()
    try:
        proxy["after"] = True
    except BaseException as error:
        return ("raised", type(error), time.monotonic() - started)
    return ("returned", time.monotonic() - started)


SERVING = 0  # get_server board: the server child is serving
PORT = 1  # the port its get_server().address names
STOP = 2  # the parent is done with it


def serve_until_told(managers_name, authkey, board, deadline):
    """Run ``get_server().serve_forever()`` in a thread, publish the port, and when told to stop
    return a copy of the shared dict as the server holds it."""
    import threading

    server = server_class(managers_name)(address=("127.0.0.1", 0), authkey=authkey).get_server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    board[PORT] = server.address[1]
    board[SERVING] = 1
    if not board.wait_until(STOP, 1, deadline):
        raise RuntimeError("never told to stop serving")
    return dict(shared_dict())
