"""Turn whatever a training job raises into a message a person can act on.

The worker (``training_worker.Worker``) already survives any exception: an
engine error (:class:`SoloRecError`) becomes ``failed(message)`` and anything
else ``failed("unexpected error: …")``. That second text is honest but not
useful. Some failures that are *not* engine errors are in fact the user's
settings reaching torch's limits, e.g. a learning rate of 1e38, which the
engine's ``TrainConfig.validate`` accepts and torch refuses with
``RuntimeError: value cannot be converted to type float without overflow``.
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


def explain(exc: BaseException, config: dict[str, Any] | None = None) -> str:
    """A user-facing message for an exception that is not a SoloRecError."""
    config = config or {}
    text = str(exc)
    lower = text.lower()
    lr = config.get("lr")
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
    if "cuda" in lower and config.get("device") in ("cuda", "auto"):
        return f"the GPU (CUDA) failed: {text}. Choose the CPU device in the training panel and train again."
    return (
        f"training stopped on an internal error ({type(exc).__name__}: {text}). "
        "Your ratings are unchanged and no prediction was applied; the details are in the log."
    )


def guard_job(job: Callable[..., Any], config: dict[str, Any] | None = None) -> Callable[..., Any]:
    """Wrap a worker job (see ``training_worker``) so every failure carries a clear message."""

    def guarded(on_epoch: Callable, should_stop: Callable[[], bool]) -> Any:
        try:
            return job(on_epoch=on_epoch, should_stop=should_stop)
        except SoloRecError:
            raise
        except Exception as exc:
            log.error("training job failed:\n%s", traceback.format_exc())
            raise SoloRecError(explain(exc, config)) from exc

    return guarded


__all__ = ["explain", "guard_job"]
