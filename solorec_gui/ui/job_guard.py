"""Turn whatever a job raises into a message a person can act on.

The worker (``jobs.Worker``) already survives any exception: an engine error
(:class:`SoloRecError`) becomes a failure with its message and anything else
"unexpected error: …". That second text is honest but not useful. Some failures
that are *not* engine errors are in fact the user's settings reaching torch's
limits, e.g. a learning rate within the engine's limit that still overflows
torch's float32 (``RuntimeError: value cannot be converted to type float
without overflow``), or a GPU running out of memory.
:func:`guard_job` wraps a job so these arrive as a :class:`SoloRecError` that
says what to change; a genuine bug is reported as such, with the traceback in
the log, and the promise that nothing was changed.

Runs in the worker thread (it is part of the job); it touches no Qt object.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from ..core.errors import SoloRecError

log = logging.getLogger(__name__)


def explain(exc: BaseException, spec: Any = None) -> str:
    """A user-facing message for an exception that is not a SoloRecError (``spec``: the TrainSpec run)."""
    params = getattr(spec, "params", None)
    text = str(exc)
    lower = text.lower()
    lr = getattr(params, "lr", None)
    lr_text = f"{lr:g}" if isinstance(lr, (int, float)) else "the learning rate"
    if isinstance(exc, MemoryError) or "out of memory" in lower or "can't allocate" in lower:
        return (
            "training ran out of memory; try a smaller dimension or batch size (or the CPU device). "
            "Your ratings are unchanged and no prediction was applied."
        )
    if isinstance(exc, (OverflowError, FloatingPointError)) or "overflow" in lower:
        return (
            f"the learning rate {lr_text} (or another setting) is too large for torch's 32-bit numbers: "
            "the computation overflowed. Try a smaller learning rate, e.g. 0.1 or 1e-3."
        )
    if "cuda" in lower and getattr(spec, "device", "cpu") in ("cuda", "auto"):
        return f"the GPU (CUDA) failed: {text}. Choose the CPU device in the training panel and train again."
    return (
        f"training stopped on an internal error ({type(exc).__name__}: {text}). "
        "Your ratings are unchanged and no prediction was applied; the details are in the log."
    )


def guard_job(job: Callable[[Any], Any], spec: Any = None) -> Callable[[Any], Any]:
    """Wrap a job (see ``jobs``) so every failure carries a clear message; Cancelled passes through."""

    def guarded(state: Any) -> Any:
        try:
            return job(state)
        except SoloRecError:
            raise
        except Exception as exc:
            log.error("job failed:\n%s", traceback.format_exc())
            raise SoloRecError(explain(exc, spec)) from exc

    return guarded


__all__ = ["explain", "guard_job"]
