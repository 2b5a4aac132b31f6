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
from hypothesis import example, strategies as st

from conformance.actors import pipe as actors
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, expect_raises, judged
from conformance.judge.blocking import (BLOCKED, bounded, expect_raises_within,
                                        expect_returns_within)
from conformance.judge.timing import never_early
from conformance.strategies import delays, sized
from conformance.specimens import Refused, Unpicklable

MESSAGES = OutcomeTable(
    unit="messages",
    acceptable={"intact": "received once, whole and unchanged, in order"},
    forbidden={"altered": "received different content or length (merged, split, shifted)",
               "missing": "never received",
               "extra": "more data arrived than was sent"},
)
# Messages sent and received within this process.
TRANSFERS = OutcomeTable(
    unit="messages sent in this process",
    acceptable={"received": "became readable and was received unchanged",
                "nothing-left": "nothing was left to read after the last message"},
    forbidden={"lost": "not readable within the deadline",
               "altered": "received as something else",
               "left-over": "data was left to read after the last message"},
)
# The message a sender sent just before it closed: nothing can be "left over" after it, since
# the peer's close makes poll() say True (data left would show as recv() returning, not
# raising EOFError).
LAST_MESSAGE = OutcomeTable(
    unit="messages sent just before the sender closed",
    acceptable={"received": "became readable and was received unchanged"},
    forbidden={"lost": "not readable within the deadline",
               "altered": "received as something else"},
)
POLLS = OutcomeTable(
    unit="poll() answers",
    acceptable={"right": "False with nothing to read, True with data waiting"},
    forbidden={"ready-without-data": "True with nothing sent",
               "not-ready-with-data": "False with data waiting",
               "lost": "data sent never became readable within the deadline"},
)
POLL_NONE = OutcomeTable(
    unit="poll(None) calls",
    acceptable={"waited": "returned True once the data arrived"},
    forbidden={"gave-up": "returned without data to read"},
)
EOF_READABLE = OutcomeTable(
    unit="connections whose peer closed",
    acceptable={"readable": "poll() said True once the peer closed"},
    forbidden={"not-readable": "poll() said False although the peer had closed"},
)
SLICES = OutcomeTable(
    unit="send_bytes(buffer, offset, size) calls",
    acceptable={"slice-sent": "the slice arrived as one message",
                "nothing-sent": "a refused call sent nothing"},
    forbidden={"wrong-slice": "another slice arrived", "lost": "nothing arrived",
               "sent-anyway": "a refused call still sent data"},
)
BUFFER_TOO_SHORT = OutcomeTable(
    unit="recv_bytes_into calls with too little room",
    acceptable={"whole-message": "raised BufferTooShort carrying the whole message"},
    forbidden={"returned": "returned instead of raising BufferTooShort",
               "raised-other": "raised something other than BufferTooShort",
               "blocked": "still blocked after the deadline, the message waiting",
               "partial-message": "BufferTooShort's args[0] was not the whole message",
               "not-a-process-error": "BufferTooShort is not a ProcessError"},
)
CLOSED = OutcomeTable(
    unit="closed connections",
    acceptable={"closed": "as documented"},
    forbidden={"still-open": "closed is False after close()",
               "not-itself": "__enter__ returned something other than the connection",
               "left-open": "leaving the with block did not close the connection"},
)
CONNECTION_TRANSFER = OutcomeTable(
    unit="Connections sent over a Connection",
    acceptable={"answered": "the receiver read the ping on it and its answer came back"},
    forbidden={"unusable": "the received Connection did not carry the ping",
               "unanswered": "the answer on the received Connection never arrived intact"},
)
WAIT_READY = OutcomeTable(
    unit="wait() calls",
    acceptable={"exact": "returned exactly the ready objects"},
    forbidden={"missed-ready": "a ready object was not returned",
               "spurious": "an object that was not ready was returned"},
)
AUTHENTICATION = OutcomeTable(
    unit="connection attempts",
    acceptable={"refused": "the wrong key made both sides raise AuthenticationError",
                "connected": "the right key connected and the messages crossed"},
    forbidden={"let-in": "a side did not raise AuthenticationError for the wrong key",
               "shut-out": "the right key did not connect and exchange messages"},
)
EXCEPTIONS = OutcomeTable(
    unit="multiprocessing exception classes",
    acceptable={"in-hierarchy": "as documented"},
    forbidden={"outside-hierarchy": "not a subclass of ProcessError (or ProcessError not an "
                                    "Exception)",
               "builtin-timeout": "multiprocessing's TimeoutError is the builtin TimeoutError"},
)
NOTHING = object()  # receive_within: nothing arrived

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
            "messages": tuple(draw(sized(1, 8).flatmap(
                lambda n: st.lists(messages, min_size=n, max_size=n))))}


def volume(count, seed=0):
    """``count`` messages of every kind, large (more than a pipe buffer) and small, sent without
    delay: explicit examples."""
    kinds = (("bytes", 70000, seed, 0.0), ("obj", [seed, "x" * 100], 0.0),
             ("slice", 70000, 3, 16385, seed, 0.0), ("into", 16385, seed, 5, 3, 0.0),
             ("bytes", 1, seed, 0.0), ("obj", None, 0.0), ("bytes", 0, seed, 0.0))
    return tuple(kinds[i % len(kinds)] for i in range(count))


def receive_within(conn, seconds, what):
    """``recv()`` once ``poll`` says data is waiting (bounded); ``NOTHING`` if nothing did."""
    with judged(f"poll() and recv() of {what}"):
        return conn.recv() if conn.poll(seconds) else NOTHING


def expect_message(outcomes, conn, seconds, expected, what):
    """Observe in ``TRANSFERS`` whether ``expected`` is the next message on ``conn``."""
    got = receive_within(conn, seconds, what)
    if got is NOTHING:
        outcomes.observe("lost", f"{what} never became readable in {seconds:g} s")
    else:
        outcomes.expect(got == expected, "altered", f"{what}: received {got!r}, expected "
                                                    f"{expected!r}", "received")


def expect_nothing_left(outcomes, conn, what):
    with judged("poll()"):
        left = conn.poll()
    outcomes.expect(not left, "left-over", f"data left over {what}", "nothing-left")


@example(program={"duplex": False, "sender": 1, "messages": volume(300)})
@example(program={"duplex": True, "sender": 0, "messages": volume(140, seed=7)})
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
    outcomes = MESSAGES.counter()
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
    and the second only sends: the wrong direction raises OSError.  Each message is received
    once, and then nothing is left to read.

    Docs: multiprocessing — Pipes and Queues (Pipe: "If duplex is False then the pipe is
    unidirectional: conn1 can only be used for receiving messages and conn2 can only be used
    for sending messages").
    Promises: PIPE-1, PIPE-2.
    """
    a, b = target.ctx.Pipe()
    outcomes = TRANSFERS.counter()
    with judged("send() on an end of Pipe()"):
        a.send("a to b")
        b.send("b to a")
    expect_message(outcomes, b, target.deadline, "a to b", "a message from the first end")
    expect_message(outcomes, a, target.deadline, "b to a", "a message from the second end")
    expect_nothing_left(outcomes, b, "on the second end after the first end's message")
    expect_nothing_left(outcomes, a, "on the first end after the second end's message")
    outcomes.verdict()
    reader, writer = target.ctx.Pipe(duplex=False)
    expect_raises(OSError, lambda: reader.send("x"), "send() on the receiving end of a "
                                                     "Pipe(duplex=False)")
    expect_raises(OSError, writer.poll, "poll() on the sending end of a Pipe(duplex=False)")
    expect_raises_within(OSError, writer.recv, target.deadline,
                         "recv() on the sending end of a Pipe(duplex=False)")
    with judged("send() on the sending end of a Pipe(duplex=False)"):
        writer.send("one way")
    expect_message(outcomes, reader, target.deadline, "one way", "a message on a one-way pipe")
    expect_nothing_left(outcomes, reader, "after the message on a one-way pipe")
    outcomes.verdict()


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
    outcomes = POLLS.counter()
    with judged("poll() with nothing sent"):
        ready_at_once = a.poll()
        started = time.monotonic()
        ready = a.poll(timeout)
        waited = time.monotonic() - started
    outcomes.expect(ready_at_once is False, "ready-without-data",
                    f"poll() returned {ready_at_once!r}", "right")
    outcomes.expect(ready is False, "ready-without-data", f"poll({timeout}) returned "
                                                          f"{ready!r}", "right")
    outcomes.verdict()
    never_early(waited, timeout, f"poll({timeout})")
    with judged("send() and poll() with data waiting"):
        b.send("data")
        arrived = a.poll(target.deadline)
        ready = a.poll()
    if not arrived:
        outcomes.observe("lost", f"poll({target.deadline:g}) after a send returned False")
    else:
        outcomes.expect(ready is True, "not-ready-with-data", f"poll() returned {ready!r} with "
                                                              f"data waiting", "right")
    outcomes.verdict()


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
    outcomes = POLL_NONE.counter()
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
        with judged("send() then close()"):
            writer.send("last")
            writer.close()
        transfers = LAST_MESSAGE.counter()
        expect_message(transfers, reader, target.deadline, "last",
                       "the message sent before close")
        transfers.verdict()
        outcomes = EOF_READABLE.counter()
        with judged("poll() after the peer closed"):
            readable = reader.poll()
        outcomes.expect(readable, "not-readable", f"poll() after the peer closed "
                                                  f"(duplex={duplex}) returned False",
                        "readable")
        outcomes.verdict()
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
    call = f"send_bytes(<{length} bytes>, offset={offset}, size={size})"
    outcomes = SLICES.counter()
    if 0 <= offset <= length and (size is None or 0 <= size) and end <= length:
        with judged(call):
            b.send_bytes(buffer, offset, size)
        with judged("poll() and recv_bytes() of the slice"):
            got = a.recv_bytes() if a.poll(target.deadline) else None
        if got is None:
            outcomes.observe("lost", f"{call}: nothing arrived in {target.deadline:g} s")
        else:
            outcomes.expect(got == buffer[offset:end], "wrong-slice",
                            f"{call} delivered {got!r}", "slice-sent")
    else:
        expect_raises(ValueError, lambda: b.send_bytes(buffer, offset, size), call)
        with judged("poll()"):
            left = a.poll()
        outcomes.expect(not left, "sent-anyway", f"{call} raised but sent data",
                        "nothing-sent")
    outcomes.verdict()


def test_recv_bytes_longer_than_maxlength_raises(target):
    """``recv_bytes(maxlength)`` of a longer message raises OSError and the connection is no
    longer readable; a message of exactly maxlength bytes is received, whole.

    Docs: multiprocessing — Connection Objects (recv_bytes: "If maxlength is specified and the
    message is longer than maxlength then OSError is raised and the connection will no longer
    be readable").
    Promises: PIPE-11.
    """
    a, b = target.ctx.Pipe()
    outcomes = TRANSFERS.counter()
    with judged("send_bytes() then recv_bytes(10) of a 10-byte message"):
        b.send_bytes(b"x" * 10)
        got = a.recv_bytes(10) if a.poll(target.deadline) else NOTHING
    if got is NOTHING:
        outcomes.observe("lost", "a 10-byte message never became readable")
    else:
        outcomes.expect(got == b"x" * 10, "altered", f"recv_bytes(10) of a 10-byte message "
                                                     f"returned {got!r}", "received")
        expect_nothing_left(outcomes, a, "after recv_bytes(10) of a 10-byte message")
    with judged("send_bytes() of an 11-byte message"):
        b.send_bytes(b"y" * 11)
        arrived = a.poll(target.deadline)
    if not arrived:
        outcomes.observe("lost", "an 11-byte message never became readable")
    outcomes.verdict()
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
    outcomes = BUFFER_TOO_SHORT.counter()
    for buffer, offset in ((bytearray(10), 0), (bytearray(60), 20)):
        call = f"recv_bytes_into(<{len(buffer)} bytes>, {offset}) of a {len(message)}-byte " \
               f"message"
        with judged("send_bytes() of the message"):
            b.send_bytes(message)
        ended, value = bounded(lambda: a.recv_bytes_into(buffer, offset), target.deadline)
        if ended == "returned":
            outcomes.observe("returned", f"{call} returned {value}")
        elif ended == BLOCKED:
            outcomes.observe("blocked", f"{call} still blocked after {target.deadline:g} s")
        elif not isinstance(value, target.ctx.BufferTooShort):
            outcomes.observe("raised-other", f"{call} raised {type(value).__name__}: {value}")
        else:
            outcomes.expect(isinstance(value, target.ctx.ProcessError), "not-a-process-error",
                            f"BufferTooShort's bases: {type(value).__mro__}", "whole-message")
            carried = value.args[0] if value.args else None
            outcomes.expect(carried == message, "partial-message",
                            f"{call}: BufferTooShort carried {carried!r}", "whole-message")
    outcomes.verdict()


def test_closed_connection_refuses_use(target):
    """``close()`` may be called twice; afterwards ``closed`` is True and send, recv, poll and
    fileno raise OSError.  ``with conn as c`` gives the connection itself and closes it.

    Docs: multiprocessing — Connection Objects (close: "This is called automatically when the
    connection is garbage collected"; "Connection objects ... support the context management
    protocol").
    Promises: PIPE-14, PIPE-15.
    """
    a, b = target.ctx.Pipe()
    with judged("close() twice"):
        a.close()
        a.close()
    outcomes = CLOSED.counter()
    outcomes.expect(a.closed, "still-open", "closed is False after close()", "closed")
    outcomes.verdict()
    for name, call in (("send", lambda: a.send("x")), ("send_bytes", lambda: a.send_bytes(b"x")),
                       ("recv", a.recv), ("recv_bytes", a.recv_bytes), ("poll", a.poll),
                       ("fileno", a.fileno)):
        expect_raises_within(OSError, call, target.deadline, f"{name}() after close()")
    with judged("with connection: enter and exit"):
        with b as entered:
            outcomes.expect(entered is b, "not-itself", f"__enter__ returned {entered!r}",
                            "closed")
    outcomes.expect(b.closed, "left-open", "closed is False after the with block", "closed")
    outcomes.verdict()


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
    with judged("send() after a refused send"):
        b.send("next")
    outcomes = TRANSFERS.counter()
    expect_message(outcomes, a, target.deadline, "next", "the message after a refused send")
    expect_nothing_left(outcomes, a, "after a refused send and the next message")
    outcomes.verdict()


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
        with judged("send() of the ping"):
            mine.send("ping")
        forwarder = s.start(actors.forward_connection, forward_end, theirs, s.deadline / 2,
                            role="forwarder of a connection")
        answer, _ = s.join([user, forwarder],
                           stuck_in="sending a Connection over a Connection, or using it")
        with judged("poll() and recv() of the answer"):
            reply = mine.recv() if mine.poll(0) else None  # the child sent it before exiting
    outcomes = CONNECTION_TRANSFER.counter()
    if answer != ("answered", "ping"):
        outcomes.observe("unusable", f"the receiving child reported {answer}")
    else:
        outcomes.expect(reply == ("pong", "ping"), "unanswered",
                        f"the answer on the received connection: {reply!r}", "answered")
    outcomes.verdict()


@pytest.mark.requires("connection")
@invariant(ready=st.lists(st.booleans(), min_size=1, max_size=4).filter(any),
           timeout=short_timeouts)
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
        readers = [reader for reader, _ in pipes]
        objects = [*readers, sentinel]
        expected = [r for r, go in zip(readers, ready) if go] + [sentinel]
        idle = [r for r, go in zip(readers, ready) if not go]
        outcomes = WAIT_READY.counter()
        with judged("connection.wait()"):
            # Joined is not yet ready (a forkserver child's sentinel closes just after its exit
            # status is read): wait, bounded, for the sentinel on its own first.
            alone = connection.wait([sentinel], s.deadline)
            now = connection.wait(objects, 0)
            started = time.monotonic()
            none_ready = connection.wait(idle, timeout)
            waited = time.monotonic() - started
        compare_ready(outcomes, alone, [sentinel], f"wait([sentinel], {s.deadline:g})", objects)
        compare_ready(outcomes, now, expected, "wait(objects, 0)", objects)
        compare_ready(outcomes, none_ready, [], f"wait(idle, {timeout})", objects)
        outcomes.verdict()
        never_early(waited, timeout, f"wait(<{len(idle)} idle connections>, {timeout})")
        unlimited = expect_returns_within(lambda: connection.wait(objects, None), s.deadline,
                                          "wait(objects, None) with objects ready")
        negative = expect_returns_within(lambda: connection.wait(idle, -1), s.deadline,
                                         "wait(idle, -1)")
    compare_ready(outcomes, unlimited, expected, "wait(objects, None)", objects)
    compare_ready(outcomes, negative, [], "wait(idle, -1)", objects)
    outcomes.verdict()


def compare_ready(outcomes, got, expected, call, objects):
    """Observe in ``WAIT_READY`` whether ``call`` returned exactly ``expected``."""
    names = {id(obj): f"#{i}" for i, obj in enumerate(objects)}
    got_ids, expected_ids = {id(obj) for obj in got}, {id(obj) for obj in expected}
    shown = f"{call} returned {[names.get(id(obj), repr(obj)) for obj in got]}, expected " \
            f"{[names[i] for i in sorted(expected_ids, key=names.get)]}"
    if expected_ids - got_ids:
        outcomes.observe("missed-ready", shown)
    elif got_ids - expected_ids:
        outcomes.observe("spurious", shown)
    else:
        outcomes.observe("exact")


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
    outcomes = AUTHENTICATION.counter()
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
    outcomes = EXCEPTIONS.counter()
    outcomes.expect(issubclass(ctx.ProcessError, Exception), "outside-hierarchy",
                    "ProcessError is not an Exception", "in-hierarchy")
    for name in ("BufferTooShort", "AuthenticationError", "TimeoutError"):
        outcomes.expect(issubclass(getattr(ctx, name), ctx.ProcessError), "outside-hierarchy",
                        f"{name} is not a ProcessError subclass", "in-hierarchy")
    outcomes.expect(ctx.TimeoutError is not builtins.TimeoutError, "builtin-timeout",
                    "the multiprocessing TimeoutError is the builtin TimeoutError",
                    "in-hierarchy")
    outcomes.verdict()
