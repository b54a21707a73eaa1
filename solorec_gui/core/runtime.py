"""Where and how torch computes: device choice and CPU thread count.

Used by :mod:`.fit` and by the models (which receive a :class:`TrainingData`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import torch

#: Below this many training ratings, training uses one CPU thread. On tiny
#: problems OpenMP's hand-off between threads costs more than the work: on a
#: busy 2-core machine the lecture NN's 1000 epochs took 0.7 s on one thread
#: and 23 s on two.
SMALL_PROBLEM_CELLS = 20_000


def resolve_device(name: str) -> str:
    """``auto`` → cuda when available, else cpu; ``cuda`` without a GPU falls back to cpu."""
    if name in ("auto", "cuda") and torch.cuda.is_available():
        return "cuda"
    return "cpu"


@contextmanager
def torch_threads(n: int | None) -> Iterator[None]:
    """Run with at most ``n`` torch threads (None = leave as is), then restore the setting."""
    previous = torch.get_num_threads()
    if n is None or n >= previous:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def check_finite_loss(loss: float, epoch: int, lr: float) -> None:
    """A NaN or infinite epoch loss ends the training with a message a user can act on."""
    import math

    from .errors import TrainingError

    if not math.isfinite(loss):
        raise TrainingError(
            f"training diverged: the loss became {loss} at epoch {epoch}; "
            f"the learning rate {lr:g} is probably too high, try a smaller one"
        )


def check_finite_weights(model: torch.nn.Module) -> None:
    """Even a finite loss can hide non-finite weights; never hand out NaN predictions."""
    from .errors import TrainingError

    if any(not torch.isfinite(p).all() for p in model.parameters()):
        raise TrainingError("training diverged: the model's weights are no longer finite; try a smaller learning rate")


def _tensor(array: np.ndarray, dtype: torch.dtype, device: str) -> torch.Tensor:
    """``array`` as a torch tensor of ``dtype``: converted by torch, which releases the GIL while it copies
    (numpy's ``astype`` of 22 M int32 ids held it ~80 ms: a stall of the window's GUI thread)."""
    return torch.from_numpy(np.ascontiguousarray(array)).to(device=device, dtype=dtype)


class TrainingData:
    """The known cells a training run learns from (and is validated on), as tensors on its device.

    ``rows``/``cols``/``vals`` are the numpy training cells in ``known_cells``
    order (the lecture's row-by-row order); ``valid`` is (users, items, ratings)
    of the held-out cells, or None when there are none.
    """

    def __init__(self, matrix, train_mask=None, valid_mask=None, *, device: str = "cpu", patience=None) -> None:
        from .errors import ConfigError, TrainingError

        self.device = resolve_device(device)
        self.n_users, self.n_items = matrix.n_users, matrix.n_items
        self.scale = (float(matrix.scale[0]), float(matrix.scale[1]))
        self.rows, self.cols, self.vals = matrix.known_cells(train_mask)
        if len(self.vals) == 0:
            raise TrainingError("there is no known rating to train on")
        if patience and valid_mask is None:
            raise ConfigError("early stopping needs a validation set (hold out some ratings)")
        self.users = _tensor(self.rows, torch.int64, self.device)
        self.items = _tensor(self.cols, torch.int64, self.device)
        self.y = _tensor(self.vals, torch.float32, self.device)
        self.valid: tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None = None
        if valid_mask is not None:
            vr, vc, vv = matrix.known_cells(valid_mask)
            if len(vv):
                self.valid = (
                    _tensor(vr, torch.int64, self.device),
                    _tensor(vc, torch.int64, self.device),
                    _tensor(vv, torch.float32, self.device),
                )
