"""Pipe and Connection: messages cross processes intact with their boundaries; directions, EOF,
poll, byte slices and buffers, closing; Connections travel over Connections; ``wait()``;
Listener/Client authentication; the exception hierarchy.

Docs: multiprocessing — Pipes and Queues (Pipe); Connection Objects; Listeners and Clients
(Client, Listener, wait); Authentication keys; Process and exceptions.

Listener, Client and wait come from the implementation's ``connection`` module
(``<module>.connection``); the exceptions from the context (``ctx.ProcessError`` ...).
"""

import builtins
import time

import pytest
from hypothesis import strategies as st

from conformance.actors import pipe as actors
from conformance.invariants import invariant
from conformance.judge import RAISED_OTHER, RETURNED, Outcomes, expect_raises, violation
from conformance.judge.timing import never_early
from conformance.strategies import delays
from conformance.specimens import Refused, Unpicklable
from conformance.test_queue import bounded, expect_raises_within

short_timeouts = st.sampled_from([0.01, 0.05, 0.1])
sizes = st.sampled_from([0, 1, 100, 16384, 16385, 70000])  # 16384: CPython's header split
seeds = st.integers(0, 255)
picklable = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20) | st.binary(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def slice_messages(draw):
    length = draw(sizes)
    offset = draw(st.integers(0, length))
    size = draw(st.integers(0, length - offset))
    return ("slice", length, offset, size, draw(seeds), draw(delays))


messages = st.one_of(
    st.tuples(st.just("obj"), picklable, delays),
    st.tuples(st.just("bytes"), sizes, seeds, delays),
    slice_messages(),
    st.tuples(st.just("into"), sizes, seeds, st.integers(0, 8), st.integers(0, 8), delays),
)


@st.composite
def message_programs(draw):
    """A pipe (duplex or not), which end sends (a one-way pipe's second end), the messages."""
    duplex = draw(st.booleans())
    sender = draw(st.sampled_from([0, 1])) if duplex else 1
    return {"duplex": duplex, "sender": sender,
            "messages": tuple(draw(st.lists(messages, min_size=1, max_size=8)))}


def received(conn, deadline, what):
    """``recv()`` once ``poll`` says data is waiting (bounded)."""
    assert conn.poll(deadline), f"{what} never arrived within {deadline:g} s"
    return conn.recv()


@invariant(program=message_programs())
def test_messages_cross_processes_intact_with_boundaries(target, program):
    """Every message one process sends on a Connection — an object with ``send()``, bytes or a
    slice of a buffer with ``send_bytes()`` — is received by another process once, intact and
    as one message (by ``recv()``, ``recv_bytes()`` or ``recv_bytes_into()`` at an offset), in
    the order sent, in either direction of a duplex pipe.

    Docs: multiprocessing — Connection Objects (send, recv, send_bytes(buffer, offset, size),
    recv_bytes, recv_bytes_into(buffer, offset)); Exchanging objects between processes (Pipes).
    Promises: PIPE-1, PIPE-3, PIPE-5, PIPE-10, PIPE-12, PIPE-18.
    """
    sent = program["messages"]
    sender = program["sender"]
    plans = [("send", sender, sent), ("receive", 1 - sender, sent)]
    with target.scenario() as s:
        board = s.board(1)
        ends = s.keep(target.ctx.Pipe(program["duplex"]))
        _, observed = s.run(actors.send_or_receive, plans, role="sender/receiver",
                            stuck_in="Connection.send or recv",
                            extra_args=(ends, board, s.deadline / 2))
    outcomes = Outcomes(
        unit="messages",
        acceptable={"intact": "received once, whole and unchanged, in order"},
        forbidden={"altered": "received different content or length (merged, split, shifted)",
                   "missing": "never received",
                   "extra": "more data arrived than was sent"},
    )
    for index, message in enumerate(sent):
        got = observed[index] if index < len(observed) else ("missing",)
        if got == ("missing",):
            outcomes.observe("missing", f"message {index} {message[:2]}")
        else:
            outcomes.expect(got == actors.expected(message), "altered",
                            f"message {index} {message[:-1]}: received {got}, expected "
                            f"{actors.expected(message)}", "intact")
    if observed[len(sent):] == [("extra",)]:
        outcomes.observe("extra", "data was left over after the last message")
    outcomes.verdict()


def test_one_way_pipe_refuses_the_wrong_direction(target):
    """``Pipe()`` ends both send and receive; with ``duplex=False`` the first end only receives
    and the second only sends: the wrong direction raises OSError.

    Docs: multiprocessing — Pipes and Queues (Pipe: "If duplex is False then the pipe is
    unidirectional: conn1 can only be used for receiving messages and conn2 can only be used
    for sending messages").
    Promises: PIPE-1, PIPE-2.
    """
    a, b = target.ctx.Pipe()
    a.send("a to b")
    assert received(b, target.deadline, "a message from the first end") == "a to b"
    b.send("b to a")
    assert received(a, target.deadline, "a message from the second end") == "b to a"
    reader, writer = target.ctx.Pipe(duplex=False)
    expect_raises(OSError, lambda: reader.send("x"), "send() on the receiving end of a "
                                                     "Pipe(duplex=False)")
    expect_raises(OSError, writer.poll, "poll() on the sending end of a Pipe(duplex=False)")
    expect_raises_within(OSError, writer.recv, target.deadline,
                         "recv() on the sending end of a Pipe(duplex=False)")
    writer.send("one way")
    assert received(reader, target.deadline, "a message on a one-way pipe") == "one way"


@invariant(timeout=short_timeouts)
def test_poll_waits_its_timeout_when_nothing_arrives(target, timeout):
    """``poll()`` returns False at once with nothing to read; ``poll(t)`` returns False no
    earlier than t; once data is waiting ``poll()`` returns True.

    Docs: multiprocessing — Connection Objects (poll: "If timeout is not specified then it will
    return immediately. If timeout is a number then this specifies the maximum time in seconds
    to block").
    Promises: PIPE-7, PIPE-8.
    """
    a, b = target.ctx.Pipe()
    assert a.poll() is False, "poll() returned True with nothing sent"
    started = time.monotonic()
    ready = a.poll(timeout)
    waited = time.monotonic() - started
    assert ready is False, f"poll({timeout}) returned {ready!r} with nothing sent"
    never_early(waited, timeout, f"poll({timeout})")
    b.send("data")
    assert a.poll(target.deadline), "data sent never became readable"
    assert a.poll() is True, "poll() returned False with data waiting"


def test_poll_none_waits_until_data_arrives(target):
    """``poll(None)`` blocks without limit until data arrives from another process, then
    returns True.

    Docs: multiprocessing — Connection Objects (poll: "If timeout is None then an infinite
    timeout is used").
    Promises: PIPE-8.
    """
    with target.scenario() as s:
        board = s.board(1)
        a, b = s.keep(target.ctx.Pipe())
        poller = s.start(actors.poll_without_limit, a, board, role="poller")
        s.await_slot(board, actors.POLLING, 1, what="the poller to call poll(None)")
        s.await_blocked(poller)
        b.send("wake up")
        ((ready, got),) = s.join([poller], stuck_in="Connection.poll(None) with data sent")
    outcomes = Outcomes(
        unit="poll(None) calls",
        acceptable={"waited": "returned True once the data arrived"},
        forbidden={"gave-up": "returned without data to read"},
    )
    outcomes.expect(ready is True and got == "wake up", "gave-up",
                    f"poll(None) returned {ready!r} (then read {got!r})", "waited")
    outcomes.verdict()


def test_recv_after_peer_closed_raises_eof(target):
    """Once the other end is closed and what it sent has been read, ``poll()`` returns True and
    ``recv()``, ``recv_bytes()`` and ``recv_bytes_into()`` raise EOFError.

    Docs: multiprocessing — Connection Objects (recv: "Raises EOFError if there is nothing left
    to receive and the other end was closed"); Listeners and Clients (wait: ready when "the
    other end has been closed").
    Promises: PIPE-6, PIPE-9.
    """
    for duplex in (True, False):
        reader, writer = target.ctx.Pipe(duplex)
        writer.send("last")
        writer.close()
        assert received(reader, target.deadline, "the message sent before close") == "last"
        assert reader.poll(), f"poll() after the peer closed (duplex={duplex}) returned False"
        for name, call in (("recv()", reader.recv), ("recv_bytes()", reader.recv_bytes),
                           ("recv_bytes_into()", lambda: reader.recv_bytes_into(bytearray(8)))):
            expect_raises_within(EOFError, call, target.deadline,
                                 f"{name} after the peer closed (duplex={duplex})")
        reader.close()


@invariant(length=st.integers(0, 20), offset=st.integers(-3, 24),
           size=st.none() | st.integers(-3, 24))
def test_send_bytes_sends_the_slice_or_rejects_it(target, length, offset, size):
    """``send_bytes(buffer, offset, size)`` sends ``buffer[offset:offset + size]`` as one
    message; an offset or size that is negative or reaches past the buffer raises ValueError
    and sends nothing.

    Docs: multiprocessing — Connection Objects (send_bytes: "If offset is given then data is
    read from that position in buffer. If size is given then that many bytes will be read").
    Promises: PIPE-10.
    """
    a, b = target.ctx.Pipe()
    buffer = bytes(range(length))
    end = length if size is None else offset + (size or 0)
    if 0 <= offset <= length and (size is None or 0 <= size) and end <= length:
        b.send_bytes(buffer, offset, size)
        assert a.poll(target.deadline), "the slice sent never arrived"
        got = a.recv_bytes()
        assert got == buffer[offset:end], \
            f"send_bytes(<{length} bytes>, {offset}, {size}) delivered {got!r}"
    else:
        expect_raises(ValueError, lambda: b.send_bytes(buffer, offset, size),
                      f"send_bytes(<{length} bytes>, offset={offset}, size={size})")
        assert not a.poll(), "a refused send_bytes() still sent something"


def test_recv_bytes_longer_than_maxlength_raises(target):
    """``recv_bytes(maxlength)`` of a longer message raises OSError and the connection is no
    longer readable; a message of exactly maxlength bytes is received.

    Docs: multiprocessing — Connection Objects (recv_bytes: "If maxlength is specified and the
    message is longer than maxlength then OSError is raised and the connection will no longer
    be readable").
    Promises: PIPE-11.
    """
    a, b = target.ctx.Pipe()
    b.send_bytes(b"x" * 10)
    assert a.poll(target.deadline), "the message never arrived"
    assert a.recv_bytes(10) == b"x" * 10, "a message of exactly maxlength was not received"
    b.send_bytes(b"y" * 11)
    assert a.poll(target.deadline), "the message never arrived"
    expect_raises(OSError, lambda: a.recv_bytes(10), "recv_bytes(10) of an 11-byte message")
    expect_raises_within(OSError, a.recv_bytes, target.deadline,
                         "recv_bytes() after a message exceeded maxlength")


def test_too_short_buffer_raises_buffer_too_short_with_whole_message(target):
    """``recv_bytes_into`` with too little room after the offset raises BufferTooShort (a
    ProcessError), whose ``args[0]`` is the whole message.

    Docs: multiprocessing — Connection Objects (recv_bytes_into: "If the buffer is too short
    then a BufferTooShort exception is raised and the complete message is available as
    e.args[0]"); Process and exceptions (BufferTooShort).
    Promises: PIPE-13.
    """
    message = bytes(range(50))
    a, b = target.ctx.Pipe()
    for buffer, offset in ((bytearray(10), 0), (bytearray(60), 20)):
        b.send_bytes(message)
        assert a.poll(target.deadline), "the message never arrived"
        try:
            got = a.recv_bytes_into(buffer, offset)
        except target.ctx.BufferTooShort as exc:
            assert isinstance(exc, target.ctx.ProcessError), "BufferTooShort is no ProcessError"
            assert exc.args and exc.args[0] == message, \
                f"BufferTooShort carried {exc.args[0] if exc.args else None!r}, expected the " \
                f"whole {len(message)}-byte message"
        except Exception as exc:
            raise violation(RAISED_OTHER, f"recv_bytes_into(<{len(buffer)} bytes>, {offset}) of "
                                          f"a {len(message)}-byte message raised "
                                          f"{type(exc).__name__}: {exc}; expected "
                                          f"BufferTooShort") from exc
        else:
            raise violation(RETURNED, f"recv_bytes_into(<{len(buffer)} bytes>, {offset}) of a "
                                      f"{len(message)}-byte message returned {got}")


def test_closed_connection_refuses_use(target):
    """``close()`` may be called twice; afterwards ``closed`` is True and send, recv, poll and
    fileno raise OSError.  ``with conn as c`` gives the connection itself and closes it.

    Docs: multiprocessing — Connection Objects (close: "This is called automatically when the
    connection is garbage collected"; "Connection objects ... support the context management
    protocol").
    Promises: PIPE-14, PIPE-15.
    """
    a, b = target.ctx.Pipe()
    a.close()
    a.close()
    assert a.closed, "closed is False after close()"
    for name, call in (("send", lambda: a.send("x")), ("send_bytes", lambda: a.send_bytes(b"x")),
                       ("recv", a.recv), ("recv_bytes", a.recv_bytes), ("poll", a.poll),
                       ("fileno", a.fileno)):
        expect_raises_within(OSError, call, target.deadline, f"{name}() after close()")
    with b as entered:
        assert entered is b, "__enter__ did not return the connection itself"
    assert b.closed, "leaving the with block did not close the connection"


@pytest.mark.requires("broken_pipe_error")
def test_send_to_closed_peer_raises_broken_pipe(target):
    """``send()`` after the other end was closed raises BrokenPipeError (an OSError).

    Docs: multiprocessing — Connection Objects (send); built-in exceptions (BrokenPipeError:
    "trying to write on a pipe while the other end has been closed").
    Promises: PIPE-16.
    """
    for duplex in (True, False):
        reader, writer = target.ctx.Pipe(duplex)
        reader.close()
        expect_raises(BrokenPipeError, lambda: writer.send("x"),
                      f"send() after the peer closed (duplex={duplex})")
        writer.close()


def test_send_of_unpicklable_raises_and_sends_nothing(target):
    """``send()`` of an object that cannot be pickled raises the pickling error in the sender,
    and nothing is sent: the next message is the next received.

    Docs: multiprocessing — Connection Objects (send: "The object must be picklable").
    Promises: PIPE-4.
    """
    a, b = target.ctx.Pipe()
    expect_raises(Refused, lambda: b.send(Unpicklable()), "send(unpicklable)")
    b.send("next")
    assert received(a, target.deadline, "the message after a refused send") == "next"
    assert not a.poll(), "data left over after a refused send"


def test_connection_sent_over_connection_works(target):
    """A Connection created after a child started can be sent to it over another Connection,
    by a third process, and used there in both directions.

    Docs: multiprocessing — Connection Objects ("Connection objects themselves can now be
    transferred between processes using Connection.send() and Connection.recv()").
    Promises: PIPE-17.
    """
    with target.scenario() as s:
        forward_end, receive_end = s.keep(target.ctx.Pipe())
        user = s.start(actors.use_received_connection, receive_end, s.deadline / 2,
                       role="receiver of a connection")
        mine, theirs = s.keep(target.ctx.Pipe())  # created after the receiver started
        mine.send("ping")
        forwarder = s.start(actors.forward_connection, forward_end, theirs, s.deadline / 2,
                            role="forwarder of a connection")
        answer, _ = s.join([user, forwarder],
                           stuck_in="sending a Connection over a Connection, or using it")
    assert answer == ("answered", "ping"), f"the receiving child reported {answer}"
    assert mine.poll(0), "the child's answer on the received connection never arrived"
    assert mine.recv() == ("pong", "ping"), "the child's answer was altered"


@pytest.mark.requires("connection")
@invariant(ready=st.lists(st.booleans(), min_size=1, max_size=4), timeout=short_timeouts)
def test_wait_returns_exactly_the_ready_objects(target, ready, timeout):
    """``wait(objects, timeout)`` returns exactly the objects that are ready — Connections with
    data and the sentinel of an exited process — and, with none ready, returns an empty list
    no earlier than the timeout (a negative timeout counts as zero).

    Docs: multiprocessing — Listeners and Clients (multiprocessing.connection.wait: "Returns the
    list of those objects in object_list which are ready").
    Promises: PIPE-19.
    """
    connection = target.submodule("connection")
    with target.scenario() as s:
        pipes = [s.keep(target.ctx.Pipe(duplex=False)) for _ in ready]
        writer = s.start(actors.send_on_each, [w for (_, w), go in zip(pipes, ready) if go],
                         role="writer")
        s.join([writer], stuck_in="Connection.send")
        sentinel = writer.process.sentinel
        # Joined is not yet ready (a forkserver child's sentinel closes just after its exit
        # status is read): wait, bounded, for the sentinel on its own first.
        assert connection.wait([sentinel], s.deadline) == [sentinel], \
            f"the sentinel of an exited process was not ready within {s.deadline:g} s"
        readers = [reader for reader, _ in pipes]
        objects = [*readers, sentinel]
        expected = [r for r, go in zip(readers, ready) if go] + [sentinel]
        idle = [r for r, go in zip(readers, ready) if not go]
        now = connection.wait(objects, 0)
        ended, unlimited = bounded(lambda: connection.wait(objects, None), s.deadline)
        started = time.monotonic()
        none_ready = connection.wait(idle, timeout)
        waited = time.monotonic() - started
        ended_negative, negative = bounded(lambda: connection.wait(idle, -1), s.deadline)
    assert same_objects(now, expected), \
        f"wait(timeout=0) returned {describe(now, objects)}, expected {describe(expected, objects)}"
    assert ended == "returned" and same_objects(unlimited, expected), \
        f"wait(timeout=None) {ended} {describe(unlimited or [], objects)}"
    assert none_ready == [], f"wait() on idle connections returned {describe(none_ready, objects)}"
    never_early(waited, timeout, f"wait(<{len(idle)} idle connections>, {timeout})")
    assert (ended_negative, negative) == ("returned", []), \
        f"wait(<idle connections>, -1) {ended_negative} {negative}"


def same_objects(got, expected):
    return sorted(map(id, got)) == sorted(map(id, expected))


def describe(got, objects):
    names = {id(obj): f"#{i}" for i, obj in enumerate(objects)}
    return [names.get(id(obj), repr(obj)) for obj in got]
@pytest.mark.requires("connection")
def test_wrong_authkey_fails_on_both_sides(target):
    """A Client with a different authkey than the Listener's gets AuthenticationError, and so
    does the Listener's ``accept()``; with the right key both connect and exchange messages.

    Docs: multiprocessing — Listeners and Clients (Client: "If authentication fails then
    AuthenticationError is raised"; Listener.accept: "If authentication is attempted and fails,
    then AuthenticationError is raised"); Authentication keys.
    Promises: AUTH-1.
    """
    connection = target.submodule("connection")
    authkey, wrong = b"the right key", b"a wrong key"
    auth_error = target.ctx.AuthenticationError
    with target.scenario() as s:
        board = s.board(1)
        listener = s.start(actors.listen, connection.__name__, authkey, auth_error, board,
                           s.deadline / 2, 2, role="listener")
        client = s.start(actors.connect, connection.__name__, [wrong, authkey], auth_error,
                         board, s.deadline / 2, role="client")
        accepted, connected = s.join([listener, client], stuck_in="Listener.accept or Client")
    outcomes = Outcomes(
        unit="connection attempts",
        acceptable={"refused": "the wrong key made both sides raise AuthenticationError",
                    "connected": "the right key connected and the messages crossed"},
        forbidden={"let-in": "a side did not raise AuthenticationError for the wrong key",
                   "shut-out": "the right key did not connect and exchange messages"},
    )
    outcomes.expect((accepted[0], connected[0]) == ("AuthenticationError",) * 2, "let-in",
                    f"wrong key: accept() gave {accepted[0]!r}, Client gave {connected[0]!r}",
                    "refused")
    outcomes.expect((accepted[1], connected[1]) == (("accepted", 1), ("connected", ("echo", 1))),
                    "shut-out", f"right key: accept() gave {accepted[1]!r}, Client gave "
                                f"{connected[1]!r}", "connected")
    outcomes.verdict()
@pytest.mark.requires("connection")
def test_authkey_must_be_bytes(target):
    """A Listener or Client given an authkey that is not bytes raises TypeError.

    Docs: multiprocessing — Listeners and Clients (Listener, Client: "If authkey is given and
    not None, it should be a byte string").
    Promises: AUTH-2.
    """
    connection = target.submodule("connection")
    expect_raises(TypeError, lambda: connection.Listener(("127.0.0.1", 0), authkey="text"),
                  "Listener(authkey='text')")
    with connection.Listener(("127.0.0.1", 0)) as listener:
        expect_raises_within(TypeError,
                             lambda: connection.Client(listener.address, authkey="text"),
                             target.deadline, "Client(authkey='text')")


def test_exception_hierarchy(target):
    """BufferTooShort, AuthenticationError and TimeoutError are ProcessError subclasses, and the
    multiprocessing TimeoutError is not the builtin TimeoutError.

    Docs: multiprocessing — Process and exceptions (ProcessError: "The base class of all
    multiprocessing exceptions"; BufferTooShort, AuthenticationError, TimeoutError).
    Promises: EXC-1.
    """
    ctx = target.ctx
    assert issubclass(ctx.ProcessError, Exception), "ProcessError is not an Exception"
    outside = [name for name in ("BufferTooShort", "AuthenticationError", "TimeoutError")
               if not issubclass(getattr(ctx, name), ctx.ProcessError)]
    assert not outside, f"not ProcessError subclasses: {outside}"
    assert ctx.TimeoutError is not builtins.TimeoutError, \
        "the multiprocessing TimeoutError is the builtin TimeoutError"
