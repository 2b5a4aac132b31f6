"""Is a process alive, and noticing that a child's parent died: the same promise on every OS.

* POSIX: ``os.kill(pid, 0)`` probes a pid without signalling it; an orphan is re-parented, so
  ``os.getppid()`` changing says the parent died.
* Windows: ``os.kill(pid, 0)`` would send CTRL_C_EVENT and ``getppid()`` never changes, so a
  handle on the process is opened instead (``OpenProcess``): its exit code tells whether it runs,
  and waiting on it returns when that very process exits — the handle pins it, so a reused pid
  cannot fool the wait.

Stdlib only (ctypes on Windows): children import this, and it must cost them nothing.
"""

import _thread
import os
import sys
import time

POLL = 0.5  # seconds between looks at the parent, on POSIX
WINDOWS = sys.platform == "win32"

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
