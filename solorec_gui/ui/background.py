"""Background Python threads (the warm-ups) that never outlive the interpreter's shutdown.

A daemon thread still running when Python exits is stopped where it stands, and one stopped inside
torch's or pandas' C++ code aborts the whole process ("terminate called without an active exception",
exit status 134: seen when the app was closed during its warm-up, and in a test run). So every such thread
is started here, checks :func:`stopping` (``fit``'s ``should_stop``), and an ``atexit`` handler sets the
flag and waits for them before the interpreter shuts down.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable

#: Set when the interpreter exits: background work should stop at its next check.
_STOP = threading.Event()
_threads: list[threading.Thread] = []
#: Seconds the exit waits for each thread (a warm-up checks the flag between epochs: milliseconds).
JOIN_SECONDS = 10.0


def start(target: Callable[[], None], name: str) -> threading.Thread:
    """Run ``target`` in a daemon thread that the interpreter's exit waits for."""
    thread = threading.Thread(target=target, name=name, daemon=True)
    _threads.append(thread)
    thread.start()
    return thread


def stopping() -> bool:
    """True once the interpreter is exiting (pass as ``should_stop``)."""
    return _STOP.is_set()


@atexit.register
def _stop_and_join() -> None:
    _STOP.set()
    for thread in list(_threads):
        thread.join(JOIN_SECONDS)
