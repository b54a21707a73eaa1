"""The one training loop: every model, every job, the same ``fit``.

``fit(matrix, spec, on_epoch=..., should_stop=...)`` trains the model that
``spec`` names (a :class:`~.models.base.TrainSpec`, or an untrained
:class:`~.models.base.Recommender`) on the known cells of ``matrix`` and
returns a :class:`FitResult`; ``result.predict_matrix()`` gives the full
users × items matrix. What every model gets from here, in one place:

* one seed (``torch.manual_seed(params.seed)``) right before the model builds
  its network, and a seeded generator for the order of mini-batches;
* full batch in the data's order (the lecture's) or shuffled mini-batches,
  learning-rate decay, the torch thread count (one thread below
  :data:`SMALL_PROBLEM_CELLS` ratings);
* the hooks: ``on_epoch`` receives an :class:`EpochReport` after every epoch
  (numbered across all phases, with the phase's name), ``should_stop`` is
  polled between epochs and mini-batches (the run then ends with
  ``stopped=True``: the model holds what it has learnt so far);
* early stopping on a validation mask with the best weights restored;
* the checks: a non-finite loss or weights, and a loss that ends far above
  where it started, raise :class:`TrainingError`; a model that ends worse than
  predicting every rating with the mean is returned with ``warning`` set, never
  as a normal success;
* the cold-start rule (:meth:`Recommender.finish`).

A model with several phases (the MF + AutoRec blend) reports each epoch of
each phase; ``EpochReport.epochs`` is the real total.

With the defaults (the lecture's MF: dim 2, Adam lr 0.1, 100 full-batch
epochs, seed 43052) this is exactly the lecture's computation, so the fitted
values match its printed table (tests/core/test_lecture.py).
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch

from .data import RatingMatrix
from .errors import TrainingError
from .models import LECTURE_SEED, Recommender, TrainSpec
from .runtime import SMALL_PROBLEM_CELLS, TrainingData, check_finite_loss, check_finite_weights, torch_threads


@dataclass
class EpochReport:
    """What ``on_epoch`` receives after each epoch (``epoch`` is 1-based and counts across phases)."""

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None = None
    model: Recommender | None = field(default=None, repr=False)
    #: The phase this epoch belongs to (its name: the model's display name for a one-phase model), its index
    #: and the number of phases.
    phase: str = ""
    phase_index: int = 0
    phases: int = 1


@dataclass
class BatchReport:
    """What ``on_batch`` receives during a mini-batch epoch (at most every :data:`BATCH_REPORT_SECONDS`):
    how far the epoch is and the mean loss of its batches so far (at 1.0 that is the epoch's loss)."""

    epoch: int
    epochs: int
    fraction: float
    loss: float
    phase: str = ""
    phase_index: int = 0
    phases: int = 1


#: Seconds between two ``on_batch`` reports: an epoch of 25 M ratings takes ~35 s, and the window's plot and
#: progress should move meanwhile; a report costs microseconds.
BATCH_REPORT_SECONDS = 0.25


@dataclass
class PhaseSpan:
    """Where a phase's epochs are in ``FitResult.history``: ``history[start:stop]``."""

    name: str
    start: int
    stop: int


@dataclass
class FitResult:
    model: Recommender
    spec: TrainSpec
    #: Training loss (mean squared error) of each epoch, before its update step (full batch)
    #: or averaged over the epoch's mini-batches.
    history: list[float]
    #: Validation MSE after each epoch's update (empty without a validation set).
    val_history: list[float]
    #: Predictions for the training cells from the last epoch's forward pass,
    #: in ``known_cells`` order: what the lecture printed as ``yhat``. None for mini-batches.
    fitted: np.ndarray | None
    #: True when ``should_stop`` ended the run early.
    stopped: bool
    #: 1-based epoch whose weights the model holds (differs from len(history) after early stopping).
    best_epoch: int
    seconds: float
    device: str = "cpu"
    phases: list[PhaseSpan] = field(default_factory=list)
    #: Final training MSE of the trained model (predictions on the scale) and that of
    #: predicting every training rating with their mean (their variance).
    train_mse: float = math.nan
    mean_mse: float = math.nan
    #: Set when the result is not trustworthy (it is worse than predicting the mean).
    warning: str | None = None

    @property
    def cold_users(self) -> np.ndarray | None:
        return self.model.cold_users

    @property
    def cold_items(self) -> np.ndarray | None:
        return self.model.cold_items

    @property
    def worse_than_mean(self) -> bool:
        return self.warning is not None

    def predict_matrix(self) -> np.ndarray:
        return self.model.predict_matrix()


def complete(matrix: RatingMatrix, predictions: np.ndarray) -> np.ndarray:
    """The completed matrix: known ratings unchanged, missing cells predicted."""
    return np.where(matrix.known_mask, matrix.values, predictions)


def _as_spec(spec: TrainSpec | Recommender | str | None, patience, device) -> tuple[TrainSpec, Recommender]:
    if isinstance(spec, Recommender):
        model = spec
        spec = TrainSpec(model.name, model.params)
    else:
        spec = TrainSpec() if spec is None else TrainSpec(spec) if isinstance(spec, str) else spec
        model = None
    changes = {}
    if patience is not None:
        changes["patience"] = patience or None
    if device is not None:
        changes["device"] = device
    spec = spec.replace(**changes) if changes else spec.validate()
    return spec, model if model is not None else spec.create()


def _check_not_diverged(history: list[float], targets: np.ndarray, lr: float) -> None:
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
            f"the learning rate {lr:g} is probably too high, try a smaller one"
        )


def worse_than_mean_warning(train_mse: float, mean_mse: float, mean: float) -> str | None:
    """The plain statement a result gets when it does worse than predicting every rating with the mean."""
    if not (train_mse > mean_mse + 1e-9 * max(1.0, mean_mse)):
        return None
    return (
        f"this model does worse than predicting every rating with the mean ({mean:.2f}): its training error "
        f"(MSE {train_mse:.3g}) is above the mean's ({mean_mse:.3g}), so its predictions are not trustworthy. "
        "Try the model's default settings, more epochs or another learning rate."
    )


#: Cells per chunk when the final training error is computed (see the end of :func:`fit`).
TRAIN_MSE_CHUNK = 1 << 15


class _Stop(Exception):
    pass


def _update(ph, idx):
    """One gradient step of phase ``ph`` on the units ``idx`` (None = all, in order); returns ``ph.step``'s triple."""
    loss, sse, out = ph.step(idx)
    for o in ph.optimizers:
        o.zero_grad(set_to_none=True)
    loss.backward()
    for o in ph.optimizers:
        o.step()
    return loss, sse, out


def _self_split(matrix: RatingMatrix, train_mask, share: float, seed: int):
    """(training selection, validation selection): ``share`` of the training cells held out, seeded."""
    pos = matrix.positions(train_mask)
    order = pos[np.random.default_rng(seed).permutation(len(pos))]
    n_valid = max(1, int(round(share * len(pos))))
    return matrix.selection(order[n_valid:]), matrix.selection(order[:n_valid])


def fit(
    matrix: RatingMatrix,
    spec: TrainSpec | Recommender | str | None = None,
    *,
    train_mask: np.ndarray | None = None,
    valid_mask: np.ndarray | None = None,
    patience: int | None = None,
    device: str | None = None,
    on_epoch: Callable[[EpochReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_batch: Callable[[BatchReport], None] | None = None,
) -> FitResult:
    """Train on the known cells of ``matrix`` (restricted to ``train_mask``); see the module docstring.

    ``spec``: what to train (default: the lecture's MF). ``valid_mask`` marks
    held-out known cells whose MSE is tracked each epoch (and drives early
    stopping when ``patience`` is set). ``patience``/``device`` override the spec's. ``on_batch`` receives a
    :class:`BatchReport` within mini-batch epochs, every :data:`BATCH_REPORT_SECONDS` at most.
    Raises :class:`TrainingError` and :class:`ConfigError`.
    """
    started = time.perf_counter()
    spec, model = _as_spec(spec, patience, device)
    own_patience = None
    if valid_mask is None and not spec.patience and model.self_validation > 0 and matrix.n_known >= 100:
        # The model holds out part of its training ratings to stop early on (mf-large's large-data
        # recipe): seeded, so the same data and settings train the same model.
        train_mask, valid_mask = _self_split(matrix, train_mask, model.self_validation,
                                             int(getattr(model.params, "seed", LECTURE_SEED)))
        own_patience = model.self_patience
    data = TrainingData(matrix, train_mask, valid_mask, device=spec.device, patience=spec.patience or own_patience)
    small = len(data.vals) < SMALL_PROBLEM_CELLS
    with torch_threads(1 if small else None):
        torch.manual_seed(int(getattr(model.params, "seed", LECTURE_SEED)))
        model.setup(data)
        phases = model.phases(data)
    total = sum(int(ph.epochs) for ph in phases) or 1
    history: list[float] = []
    val_history: list[float] = []
    spans: list[PhaseSpan] = []
    best: tuple[float, int, dict | None] = (math.inf, 0, None)
    fitted = None
    stopped = False
    n_ratings = len(data.vals)
    patience_n = int(spec.patience) if spec.patience else own_patience

    def val_mse(target: Recommender) -> float:
        users, items, y = data.valid
        return float(torch.mean((target.predict(users, items) - y) ** 2))

    best_epoch = 0

    if not phases:  # a closed-form model (EASE, popularity): one solve, reported as one epoch
        with torch_threads(None):
            loss = float(model.solve(data))
        check_finite_loss(loss, 1, 0.0)
        history.append(loss)
        spans.append(PhaseSpan(model.display_name, 0, 1))
        if on_epoch is not None:
            on_epoch(EpochReport(1, 1, loss, None, model, model.display_name, 0, 1))
    for index, ph in enumerate(phases):
        start = len(history)
        generator = torch.Generator().manual_seed(int(ph.seed))
        schedulers = (
            [torch.optim.lr_scheduler.ExponentialLR(o, ph.lr_decay) for o in ph.optimizers] if ph.lr_decay != 1.0 else []
        )
        n = int(ph.n_units)
        batch = int(ph.batch_size)
        full = batch <= 0 or batch >= n
        validating = data.valid is not None and ph.validate
        # What this phase validates and early-stops: the model, or the part of a blend it trains.
        target = ph.model if ph.model is not None else model
        best = (math.inf, 0, None)
        try:
            with torch_threads(1 if small else ph.threads):
                for _ in range(int(ph.epochs)):
                    if should_stop is not None and should_stop():
                        raise _Stop
                    if full:
                        loss, sse, out = _update(ph, None)
                        epoch_loss = float(loss.detach()) if sse is None else float(sse) / n_ratings
                        fitted = out
                    else:
                        order = torch.randperm(n, generator=generator).to(data.device)
                        total_loss = 0.0
                        reported = time.perf_counter()
                        for s in range(0, n, batch):
                            if should_stop is not None and should_stop():
                                raise _Stop
                            idx = order[s : s + batch]
                            loss, sse, _ = _update(ph, idx)
                            total_loss += float(loss.detach()) * len(idx) if sse is None else float(sse)
                            if not math.isfinite(total_loss):
                                break
                            done = s + len(idx)
                            due = on_batch is not None and done < n  # the clock is read only when reporting
                            if due and time.perf_counter() - reported >= BATCH_REPORT_SECONDS:
                                reported = time.perf_counter()
                                # sse: the units' share of the ratings stands for the share of the squared errors
                                running = total_loss / done if sse is None else total_loss / (n_ratings * done / n)
                                on_batch(BatchReport(len(history) + 1, total, done / n, running, ph.name, index,
                                                     len(phases)))
                        epoch_loss = total_loss / (n if sse is None else n_ratings)
                        fitted = None
                    for sch in schedulers:
                        sch.step()
                    epoch = len(history) + 1
                    check_finite_loss(epoch_loss, epoch, ph.lr)
                    history.append(epoch_loss)
                    val_loss = None
                    if validating:
                        val_loss = val_mse(target)
                        val_history.append(val_loss)
                        if val_loss < best[0]:
                            best = (val_loss, epoch, copy.deepcopy(target.net.state_dict()) if patience_n else None)
                    if on_epoch is not None:
                        on_epoch(EpochReport(epoch, total, epoch_loss, val_loss, model, ph.name, index, len(phases)))
                    if patience_n and validating and epoch - best[1] >= patience_n:
                        break
        except _Stop:
            stopped = True
        spans.append(PhaseSpan(ph.name, start, len(history)))
        if not stopped:
            _check_not_diverged(history[start:], data.vals, ph.lr)
        best_epoch = len(history)
        if patience_n and best[2] is not None:  # early stopping: this phase's best weights
            target.net.load_state_dict(best[2])
            best_epoch = best[1]
        if stopped:
            break

    if not history and not stopped:
        raise TrainingError("training ran no epoch")
    best_epoch = best_epoch or len(history)
    # The checks and the final error run on the phases' thread count: on a busy 2-core machine every
    # multi-threaded op of this tail cost ~40 ms (0.28 s of a blend's fit in check_finite_weights alone).
    one_thread = small or (phases and all(ph.threads == 1 for ph in phases))
    with torch_threads(1 if one_thread else None):
        check_finite_weights(model.net)
        model.finish(data.rows, data.cols)
        if data.valid is not None and not stopped and not all(ph.validate for ph in phases):
            val_history.append(val_mse(model))  # validated as a whole, once every phase is trained
        mean_mse = float(np.var(data.vals))
        # A ranker's scores are not ratings: no rating error to compare with the mean's. Small chunks: one
        # chunk of 100,000 ratings held ~75 MB of embedding rows at once (mf-large), raising the peak memory.
        train_mse = (
            float(np.mean((model.predict_cells(data.rows, data.cols, chunk=TRAIN_MSE_CHUNK) - data.vals) ** 2))
            if model.rates else math.nan
        )
    return FitResult(
        model=model,
        spec=spec,
        history=history,
        val_history=val_history,
        fitted=None if fitted is None or len(phases) > 1 else fitted.detach().double().cpu().numpy(),
        stopped=stopped,
        best_epoch=best_epoch,
        seconds=time.perf_counter() - started,
        device=data.device,
        phases=spans,
        train_mse=train_mse,
        mean_mse=mean_mse,
        warning=None if (stopped and not history) or not model.rates
        else worse_than_mean_warning(train_mse, mean_mse, float(data.vals.mean())),
    )
