"""Connection users: a sender and a receiver of a message program, a poller, a forwarder and a
user of a Connection sent over another Connection, a writer for ``wait()``, and the two sides of an
authenticated Listener/Client exchange.

A message program is a list of plain tuples, one per message (see ``send_message``):
``("obj", value, delay)``, ``("bytes", size, seed, delay)``,
``("slice", length, offset, size, seed, delay)`` — ``send_bytes(buffer, offset, size)`` — and
``("into", size, seed, prefix, spare, delay)`` — received with ``recv_bytes_into`` at offset
``prefix`` of a buffer with ``spare`` bytes to spare.  The receiver turns each message into an
observation (``observe``); the parent computes the expected one with ``expected``.

Message board: the sender sets ``SENT`` once its last ``send`` returned (so everything it sent
is in the pipe); a receiver that then finds nothing more to read knows the rest is missing.
"""

import hashlib
import importlib
import time

from conformance.actors.common import pause
from conformance.harness.child import CallRaised, judged

SENT = 0  # message board
POLLING = 0  # poll board: the poller is about to call poll(None)
PORT = 0  # listener board: the port the Listener is bound to
FILL = 0xAA  # what recv_bytes_into buffers hold before the message is written


def pattern(size, seed):
    """``size`` bytes that depend on ``seed``, so a message from elsewhere is recognised."""
    start = seed % 256
    block = bytes(range(start, 256)) + bytes(range(start))
    return (block * (size // 256 + 1))[:size]


def digest(data):
    return len(data), hashlib.sha1(bytes(data)).hexdigest()


def expected(message):
    """The observation a faithful transfer of ``message`` gives."""
    kind = message[0]
    if kind == "obj":
        return ("obj", message[1])
    if kind == "bytes":
        _, size, seed, _ = message
        return ("bytes", digest(pattern(size, seed)))
    if kind == "slice":
        _, length, offset, size, seed, _ = message
        return ("bytes", digest(pattern(length, seed)[offset:offset + size]))
    _, size, seed, _, _, _ = message
    return ("into", size, digest(pattern(size, seed)), True)


def send_message(conn, message):
    kind = message[0]
    pause(message[-1])
    if kind == "obj":
        conn.send(message[1])
    elif kind == "bytes":
        conn.send_bytes(pattern(message[1], message[2]))
    elif kind == "slice":
        _, length, offset, size, seed, _ = message
        conn.send_bytes(pattern(length, seed), offset, size)
    else:
        conn.send_bytes(pattern(message[1], message[2]))


def observe(conn, message):
    kind = message[0]
    if kind == "obj":
        return ("obj", conn.recv())
    if kind in ("bytes", "slice"):
        return ("bytes", digest(conn.recv_bytes()))
    _, size, _, prefix, spare, _ = message
    buffer = bytearray([FILL]) * (prefix + size + spare)
    got = conn.recv_bytes_into(buffer, prefix)
    untouched = set(buffer[:prefix]) <= {FILL} and set(buffer[prefix + got:]) <= {FILL}
    return ("into", got, digest(buffer[prefix:prefix + got]), untouched)


def send_or_receive(ends, board, deadline, plan):
    """Send the program on ``ends[end]``, or receive it there; the parent gates both."""
    role, end, messages = plan
    if role == "send":
        for index, message in enumerate(messages):
            with judged(f"send of message {index} ({message[0]})"):
                send_message(ends[end], message)
        board[SENT] = 1
        return len(messages)
    return receive(ends[end], board, deadline, messages)


def receive(conn, board, deadline, messages):
    """Observe each expected message; ``("missing",)`` ends the list when the sender is done and
    nothing is left to read (or the deadline passed); ``("extra",)`` when data is left over."""
    end = time.monotonic() + deadline
    observed = []
    for index, message in enumerate(messages):
        if not wait_for_data(conn, board, end):
            observed.append(("missing",))
            return observed
        try:
            with judged(f"receive of message {index} ({message[0]})"):
                observed.append(observe(conn, message))
        except CallRaised:
            drain(conn, board, end)  # so that the sender is not left blocked on a full pipe
            raise
    if board.wait_until(SENT, 1, max(0.0, end - time.monotonic())) and ready(conn, 0):
        observed.append(("extra",))
    return observed


def drain(conn, board, end):
    """Read and discard whatever arrives until the sender is done (or the deadline)."""
    while time.monotonic() < end:
        try:
            if conn.poll(0.01):
                conn.recv_bytes()
            elif board[SENT]:
                return
        except Exception:  # the stream is already judged broken: stop reading it
            return


def ready(conn, seconds):
    with judged("poll()"):
        return conn.poll(seconds)


def wait_for_data(conn, board, end):
    while not ready(conn, min(0.01, max(0.0, end - time.monotonic()))):
        if (board[SENT] and not ready(conn, 0)) or time.monotonic() > end:
            return False
    return True


def poll_without_limit(conn, board):
    """Announce, then ``poll(None)``; return what it returned and the message read after it."""
    board[POLLING] = 1
    with judged("poll(None), then recv()"):
        waited = conn.poll(None)
        return waited, conn.recv() if waited else None


def forward_connection(carrier, conn, deadline):
    """Send ``conn`` over ``carrier``; stay until the receiver says it has it (this process
    may be what hands the descriptor over)."""
    with judged("send() of a Connection"):
        carrier.send(conn)
    return carrier.recv() if carrier.poll(deadline) else None


def use_received_connection(carrier, deadline):
    """Receive a Connection over ``carrier`` (and say so), read a ping from it and answer on
    it."""
    with judged("recv() of a Connection"):
        if not carrier.poll(deadline):
            return ("nothing arrived on the carrier",)
        conn = carrier.recv()
    carrier.send("received")
    with judged("poll(), recv() and send() on a received Connection"):
        if not conn.poll(deadline):
            return ("nothing arrived on the received connection",)
        ping = conn.recv()
        conn.send(("pong", ping))
    return ("answered", ping)


def send_on_each(writers):
    """Send one message on each writer, then return (and exit)."""
    for index, writer in enumerate(writers):
        with judged("send()"):
            writer.send(index)
    return len(writers)


# --- Listener and Client -----------------------------------------------------------------------

def listen(module_name, authkey, auth_error, board, deadline, attempts):
    """Accept ``attempts`` connections; echo a message on each one that authenticates.  Records
    ``("accepted", message)``, ``"AuthenticationError"`` or another exception's name."""
    connection = importlib.import_module(module_name)
    results = []
    with connection.Listener(("127.0.0.1", 0), authkey=authkey) as listener:
        board[PORT] = listener.address[1]
        for _ in range(attempts):
            try:
                conn = listener.accept()
            except auth_error:
                results.append("AuthenticationError")
                continue
            except Exception as exc:  # the parent judges which outcome is allowed
                results.append(type(exc).__name__)
                continue
            with conn:
                if conn.poll(deadline):
                    message = conn.recv()
                    conn.send(("echo", message))
                    results.append(("accepted", message))
                else:
                    results.append("silent")
    return results


def connect(module_name, keys, auth_error, board, deadline):
    """Connect once per key; on each connection send the attempt number and read the echo.
    Records ``("connected", echo)``, ``"AuthenticationError"`` or another exception's name."""
    connection = importlib.import_module(module_name)
    if not board.wait_until(PORT, 1, deadline):
        return None
    address = ("127.0.0.1", board[PORT])
    results = []
    for attempt, key in enumerate(keys):
        try:
            conn = connection.Client(address, authkey=key)
        except auth_error:
            results.append("AuthenticationError")
            continue
        except Exception as exc:  # the parent judges which outcome is allowed
            results.append(type(exc).__name__)
            continue
        with conn:
            conn.send(attempt)
            results.append(("connected", conn.recv() if conn.poll(deadline) else None))
    return results
