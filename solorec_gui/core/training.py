"""Training: one ``fit`` for every model, with hooks for a live window.

``fit(matrix, config, on_epoch=..., should_stop=...)`` trains on the known
cells and returns a :class:`FitResult`; ``result.predict_matrix()`` gives the
full users × items matrix of predictions. The hooks are what the window's
worker thread uses: ``on_epoch`` receives an :class:`EpochReport` after each
epoch (to stream the loss curve), ``should_stop`` is polled between epochs and
between mini-batches (to cancel).

The defaults are the lecture's: MF, dim 2, Adam lr 0.1, 100 epochs, seed 43052,
full batch, mean squared error. With them, ``fit`` performs exactly the
lecture's computation (seed, then the four embeddings in the lecture's order,
training cells row by row), so the fitted values match its printed table.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch

from .catalog import (  # noqa: F401 (re-exported: the engine's public names)
    AUTOREC_MAX_CELLS,
    LARGE_DATA_MODEL,
    LARGE_DATA_THRESHOLD,
    LARGE_MODEL_NAMES,
    LECTURE_SEED,
    MAX_LR,
    MODEL_NAMES,
    TrainConfig,
    default_config,
    recommended_config,
)
from .data import RatingMatrix
from .errors import TrainingError
from .large import fit_large
from .models import RecModel, build_model
from .runtime import (  # noqa: F401 (re-exported)
    SMALL_PROBLEM_CELLS,
    TrainingData,
    check_finite_loss,
    check_finite_weights,
    resolve_device,
    torch_threads,
)


@dataclass
class EpochReport:
    """What ``on_epoch`` receives after each epoch (epoch is 1-based)."""

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None = None
    model: RecModel | None = field(default=None, repr=False)


@dataclass
class FitResult:
    model: RecModel
    config: TrainConfig
    #: Training loss (mean squared error) of each epoch, before its update step.
    history: list[float]
    #: Validation MSE after each epoch's update (empty without a validation set).
    val_history: list[float]
    #: Predictions for the training cells from the last epoch's forward pass,
    #: in ``known_cells`` order: what the lecture printed as ``yhat``. None for mini-batches.
    fitted: np.ndarray | None
    #: True when ``should_stop`` cancelled the run.
    stopped: bool
    #: 1-based epoch whose weights the model holds (differs from len(history) after early stopping).
    best_epoch: int
    seconds: float
    device: str = "cpu"
    #: Users / items with no training rating (boolean arrays): their embeddings were
    #: never trained, so ``neutralize_cold`` made their predictions come from biases only.
    cold_users: np.ndarray | None = None
    cold_items: np.ndarray | None = None

    def predict_matrix(self) -> np.ndarray:
        return predict_matrix(self.model, self.device)


def predict_matrix(model: RecModel, device: str = "cpu", chunk: int = 1 << 20) -> np.ndarray:
    """Predictions for every (user, item) pair, clipped to the scale."""
    if hasattr(model, "predict_all"):  # large-data models: one matrix product (see large.py)
        model.eval()
        with torch.no_grad():
            out = model.predict_all().double().cpu().numpy()
        model.train()
        return out
    model.eval()
    n_users, n_items = model.n_users, model.n_items
    out = np.empty(n_users * n_items, dtype=np.float64)
    total = n_users * n_items
    with torch.no_grad():
        for start in range(0, total, chunk):
            flat = torch.arange(start, min(total, start + chunk), device=device)
            pred = model.predict(flat // n_items, flat % n_items)
            out[start : start + len(flat)] = pred.double().cpu().numpy()
    model.train()
    return out.reshape(n_users, n_items)


def complete(matrix: RatingMatrix, predictions: np.ndarray) -> np.ndarray:
    """The completed matrix: known ratings unchanged, missing cells predicted."""
    return np.where(matrix.known_mask, matrix.values, predictions)


def neutralize_cold(model: RecModel, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cold-start rule: users/items without a training rating predict from biases only.

    ``rows``/``cols`` are the training cells' user and item indices. The
    embedding rows of cold users/items (never trained: still random) are set to
    zero and their bias rows to the mean of the warm rows' biases, so for MF a
    cold user's prediction is ``σ(mean b_u + b_i)``. Works on any model through
    its ``user_emb``/``item_emb``/``user_bias``/``item_bias`` embeddings, where
    present. Returns the (cold_users, cold_items) boolean arrays.
    """
    cold_users = np.bincount(np.asarray(rows, dtype=np.int64), minlength=model.n_users) == 0
    cold_items = np.bincount(np.asarray(cols, dtype=np.int64), minlength=model.n_items) == 0
    with torch.no_grad():
        for cold, emb_name, bias_name in ((cold_users, "user_emb", "user_bias"), (cold_items, "item_emb", "item_bias")):
            if not cold.any() or cold.all():
                continue
            for name in (emb_name, bias_name):
                layer = getattr(model, name, None)
                weight = getattr(layer, "weight", None)
                if not isinstance(weight, torch.Tensor) or weight.shape[0] != len(cold):
                    continue
                idx = torch.as_tensor(cold, device=weight.device)
                weight[idx] = 0.0 if name == emb_name else weight[~idx].mean(dim=0)
    return cold_users, cold_items


def _mse(model: RecModel, users: torch.Tensor, items: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return float(torch.mean((model(users, items) - y) ** 2))


def _check_not_diverged(history: list[float], targets: np.ndarray, config: TrainConfig) -> None:
    """Refuse a run whose loss ended far above where it started.

    A huge learning rate does not always give a NaN: with a sigmoid output the
    weights blow up, the sigmoid saturates and the loss stays finite but ends
    worse than guessing. Such a model must not fill the grid.
    """
    if len(history) < 2:
        return
    reference = max(history[0], float(np.var(targets)))
    if history[-1] > 1.5 * reference:
        raise TrainingError(
            f"training diverged: the loss rose from {history[0]:.4g} to {history[-1]:.4g}; "
            f"the learning rate {config.lr:g} is probably too high, try a smaller one"
        )


def fit(
    matrix: RatingMatrix,
    config: TrainConfig | None = None,
    *,
    train_mask: np.ndarray | None = None,
    valid_mask: np.ndarray | None = None,
    on_epoch: Callable[[EpochReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FitResult:
    """Train ``config.model`` on the known cells of ``matrix`` (restricted to ``train_mask``).

    ``valid_mask`` marks held-out known cells whose MSE is tracked each epoch
    (and drives early stopping when ``config.patience`` is set). Raises
    :class:`TrainingError` when the loss stops being finite, and
    :class:`ConfigError` for invalid settings.
    """
    config = (config or TrainConfig()).validate()
    if config.model in LARGE_MODEL_NAMES:
        return fit_large(
            matrix, config, train_mask=train_mask, valid_mask=valid_mask, on_epoch=on_epoch, should_stop=should_stop
        )
    n_train = int(np.count_nonzero(matrix.known_mask if train_mask is None else matrix.known_mask & train_mask))
    with torch_threads(1 if n_train < SMALL_PROBLEM_CELLS else None):
        return _fit_lecture_model(matrix, config, train_mask, valid_mask, on_epoch, should_stop)


def _fit_lecture_model(
    matrix: RatingMatrix,
    config: TrainConfig,
    train_mask: np.ndarray | None,
    valid_mask: np.ndarray | None,
    on_epoch: Callable[[EpochReport], None] | None,
    should_stop: Callable[[], bool] | None,
) -> FitResult:
    """Full-batch or mini-batch Adam for mf/nn/baseline; see :func:`fit`."""
    started = time.perf_counter()
    data = TrainingData(matrix, config, train_mask, valid_mask)
    device, rows, cols, vals = data.device, data.rows, data.cols, data.vals
    users, items, y = data.users, data.items, data.y

    torch.manual_seed(int(config.seed))
    model = build_model(
        config.model,
        matrix.n_users,
        matrix.n_items,
        dim=int(config.dim),
        hidden=tuple(config.hidden),
        scale=matrix.scale,
        global_mean=float(vals.mean()),
    ).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=float(config.lr), weight_decay=float(config.weight_decay))

    n = len(vals)
    batch = int(config.batch_size or 0)
    full_batch = batch <= 0 or batch >= n
    generator = torch.Generator().manual_seed(int(config.seed))
    history: list[float] = []
    val_history: list[float] = []
    best = (math.inf, 0, None)  # (val loss, epoch, state dict)
    stopped = False
    fitted = None
    epochs = int(config.epochs)

    for epoch in range(1, epochs + 1):
        if should_stop is not None and should_stop():
            stopped = True
            break
        if full_batch:
            yhat = model(users, items)
            loss = torch.nn.functional.mse_loss(yhat, y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            epoch_loss = float(loss.detach())
            fitted = yhat
        else:
            order = torch.randperm(n, generator=generator).to(device)
            total = 0.0
            for start in range(0, n, batch):
                if should_stop is not None and should_stop():
                    stopped = True
                    break
                idx = order[start : start + batch]
                loss = torch.nn.functional.mse_loss(model(users[idx], items[idx]), y[idx])
                loss.backward()
                optimizer.step()
                optimizer.zero_grad()
                total += float(loss.detach()) * len(idx)
                if not math.isfinite(total):
                    break
            if stopped:
                break
            epoch_loss = total / n
        check_finite_loss(epoch_loss, epoch, config.lr)
        history.append(epoch_loss)
        val_loss = None
        if data.valid is not None:
            val_loss = _mse(model, *data.valid)
            val_history.append(val_loss)
            if val_loss < best[0]:
                best = (val_loss, epoch, copy.deepcopy(model.state_dict()) if config.patience else None)
        if on_epoch is not None:
            on_epoch(EpochReport(epoch, epochs, epoch_loss, val_loss, model))
        if config.patience and epoch - best[1] >= int(config.patience):
            break

    _check_not_diverged(history, vals, config)
    best_epoch = len(history)
    if config.patience and best[2] is not None:
        model.load_state_dict(best[2])
        best_epoch = best[1]
    if fitted is not None:
        fitted = fitted.detach().double().cpu().numpy()
    if not history and not stopped:
        raise TrainingError("training ran no epoch")
    check_finite_weights(model)
    cold_users, cold_items = neutralize_cold(model, rows, cols)
    return FitResult(
        model=model,
        config=config,
        history=history,
        val_history=val_history,
        fitted=fitted,
        stopped=stopped,
        best_epoch=best_epoch,
        seconds=time.perf_counter() - started,
        device=device,
        cold_users=cold_users,
        cold_items=cold_items,
    )


#: Above this many known ratings, :func:`recommended_config` picks the large-data recipe.
