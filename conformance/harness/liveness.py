"""Is a process alive, and noticing that a child's parent died: the same promise on every OS.

* POSIX: ``os.kill(pid, 0)`` probes a pid without signalling it; an orphan is re-parented, so
  ``os.getppid()`` changing says the parent died.
* Linux: the kernel can do the watching itself (``prctl(PR_SET_PDEATHSIG)``): the child is
  killed as soon as the parent dies, and needs no thread.  Strictly, as soon as the thread that
  started it ends: the kit starts its children from the thread that runs the test, which
  outlives them.  That takes ctypes, whose import costs more than the thread would, so a child
  uses it only where its process image comes with it bound: fork children of a kit process,
  and children of the kit's fork server (both bind it with ``bind_parent_death_signal``, once).
  A spawned child watches from a thread.
* Windows: ``os.kill(pid, 0)`` would send CTRL_C_EVENT and ``getppid()`` never changes, so a
  handle on the process is opened instead (``OpenProcess``): its exit code tells whether it runs,
  and waiting on it returns when that very process exits — the handle pins it, so a reused pid
  cannot fool the wait.

Stdlib only (ctypes on Windows and, bound once by a parent, on Linux): children import this, and
it must cost them nothing.
"""

import _thread
import os
import signal
import sys
import time

POLL = 0.5  # seconds between looks at the parent, on POSIX
WINDOWS = sys.platform == "win32"
PR_SET_PDEATHSIG = 1
_prctl = None  # Linux's prctl(2), once bound: inherited by the processes forked from then on
_KILL = int(getattr(signal, "SIGKILL", 9))  # a plain int: the enum's lookup costs a child pages

if WINDOWS:
    import ctypes
    from ctypes import wintypes

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _kernel32.OpenProcess.restype = wintypes.HANDLE
    _kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    _kernel32.WaitForSingleObject.argtypes = (wintypes.HANDLE, wintypes.DWORD)
    _kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    _kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    _SYNCHRONIZE = 0x00100000
    _QUERY_LIMITED_INFORMATION = 0x1000
    _STILL_ACTIVE = 259
    _INFINITE = 0xFFFFFFFF


def pid_alive(pid):
    """Whether a process with this pid exists (it may belong to another user)."""
    if WINDOWS:
        handle = _kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: exists, not ours
        try:
            code = wintypes.DWORD()
            return bool(_kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and \
                code.value == _STILL_ACTIVE
        finally:
            _kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def bind_parent_death_signal():
    """On Linux, bind ``prctl`` here, once, so that the processes forked from this one from now
    on can leave watching their parent to the kernel (``exit_when_orphaned``).  A thread costs
    a fork child about 0.1 ms of CPU to start and to end with (measured: 0.15 ms against 0.05 ms
    for the bound call); importing ctypes and binding in the child would cost it 0.3 ms."""
    global _prctl
    if _prctl is None and sys.platform.startswith("linux"):
        try:
            import ctypes

            # Bare: no errno saved, no argument types to convert through.  Each object a fork
            # child touches costs it a page copied; a call with declared types touched some 20
            # more pages than this one (measured: 50-95 microseconds against 26 a child).  Both
            # arguments are small non-negative ints, which ctypes passes as C ints, widened.
            prctl = ctypes.CDLL(None).prctl
        except (ImportError, OSError, AttributeError):
            return  # children watch from a thread
        _prctl = prctl


def exit_when_orphaned(status):
    """End this process once its parent has died: killed by the kernel (SIGKILL) where
    ``bind_parent_death_signal`` bound prctl before this process was forked, otherwise with
    ``os._exit(status)`` from a daemon thread.

    Either watches the process's parent as of this call: a parent already dead by then (the
    child re-parented) goes unnoticed by both."""
    if _prctl is not None:
        parent = os.getppid()
        if _prctl(PR_SET_PDEATHSIG, _KILL) == 0:
            if os.getppid() != parent:  # died before the signal was armed
                os._exit(status)
            return
    on_parent_death(lambda: os._exit(status))


# The parent-death signal of a long-lived helper (``end_with_parent``): ignored by default, so a
# process it forks, which keeps the handler but not the kernel's watch, loses nothing.
HELPER_SIGNAL = getattr(signal, "SIGURG", None)


def end_with_parent(status, watch_thread=True):
    """End this long-lived helper of the kit's (its fork server, a kept manager server) with
    ``os._exit(status)`` once the process that started it has died, so that a kit process
    killed outright leaves none behind, nor what they serve.  Call it from the main thread.

    On Linux the kernel signals it (``PR_SET_PDEATHSIG``), but also when only the thread that
    started it ends: the kit may start one from a passing thread, so the handler ends the
    process only once its parent has changed.  Elsewhere a daemon thread watches, where
    ``watch_thread`` allows (a fork server forks: a thread there would be in every child's
    image, and 3.12+ warns of it at each fork)."""
    me, parent = os.getpid(), os.getppid()

    def on_signal(signum, frame):
        if os.getpid() == me and os.getppid() != parent:
            os._exit(status)

    bind_parent_death_signal()
    if _prctl is not None and HELPER_SIGNAL is not None:
        signal.signal(HELPER_SIGNAL, on_signal)
        if _prctl(PR_SET_PDEATHSIG, int(HELPER_SIGNAL)) == 0:
            if os.getppid() != parent:  # died before the signal was armed
                os._exit(status)
            return
    if watch_thread:
        on_parent_death(lambda: os._exit(status))


def on_parent_death(action):
    """Call ``action()`` from a daemon thread once this process's parent has died.

    The thread is started bare (``_thread``): ``threading.Thread.start`` waits until the new
    thread has run, which costs a starting child ~0.5 ms of its start-up.  Nothing is lost by not
    waiting: the parent to watch is fixed here, before the thread runs, so a parent that dies
    before the thread's first look is still noticed.  Such a thread is daemonic (never joined at
    exit) and does not appear in ``threading.enumerate()``; faulthandler still dumps its stack."""
    if WINDOWS:
        handle = _kernel32.OpenProcess(_SYNCHRONIZE, False, os.getppid())
        if not handle:  # already gone
            action()
            return

        def watch():
            _kernel32.WaitForSingleObject(handle, _INFINITE)
            action()
    else:
        parent = os.getppid()

        def watch():
            while os.getppid() == parent:
                time.sleep(POLL)
            action()

    _thread.start_new_thread(watch, ())
