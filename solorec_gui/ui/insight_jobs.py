"""Worker-thread jobs for issue 4: validated training, ensembles, k-fold, model comparison.

Each factory returns a *job* for :class:`~.training_worker.TrainingRunner`
(``job(on_epoch, should_stop) -> result``). The jobs call the engine
(``core.fit.fit``, ``core.eval``, ``core.analysis``); nothing is
re-implemented here. Like :func:`~.training_worker.fit_job`, they import the
engine inside the job, in the worker thread, so the window never waits for torch.

Only numbers cross the thread boundary while a job runs: progress goes through
the worker's throttled ``on_epoch``; the embedding map's points are computed in
the worker (at most every ``LIVE_INTERVAL`` seconds) and left in a
:class:`LiveEmbeddings` box that the map polls from the GUI thread. The model
object itself reaches the GUI thread only in the final result, after the
worker is done with it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from ..core.errors import SoloRecError
from .training_worker import Job, TrainOutcome, _configure_torch, fit_job

#: Seconds between two embedding snapshots taken in the worker.
LIVE_INTERVAL = 0.2


@dataclass
class EpochLike:
    """What the worker's ``on_epoch`` reads (epoch, epochs, loss, val_loss)."""

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None = None


class LiveEmbeddings:
    """The newest embedding-map points from the worker (a lock-protected box of numpy arrays)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: tuple[np.ndarray, np.ndarray, tuple[float, float], int] | None = None
        self.puts = 0
        #: Set by the GUI thread: False while the map is hidden, so the worker takes no snapshot.
        self.wanted = True

    def put(self, users_xy: np.ndarray, items_xy: np.ndarray, explained: tuple[float, float], epoch: int) -> None:
        with self._lock:
            self._value = (users_xy, items_xy, explained, epoch)
            self.puts += 1

    def take(self):
        """The newest value since the last take, or None."""
        with self._lock:
            value, self._value = self._value, None
        return value


@dataclass
class InsightOutcome(TrainOutcome):
    """A :class:`TrainOutcome` with the validation and ensemble extras."""

    valid_mask: np.ndarray | None = field(default=None, repr=False)
    train_mask: np.ndarray | None = field(default=None, repr=False)
    #: (RMSE, MAE, n) on the training ratings and on the held-out ones.
    train_errors: tuple[float, float, int] | None = None
    valid_errors: tuple[float, float, int] | None = None
    best_epoch: int | None = None
    patience: int | None = None
    #: Ensemble: standard deviation of the members' predictions per cell (None for one model).
    spread: np.ndarray | None = field(default=None, repr=False)
    members: int = 1
    #: Ensemble: every member's FitResult (the first is ``fit_result``).
    member_results: list = field(default_factory=list, repr=False)
    #: The embedding map's points of ``fit_result`` (engine ``embedding_points``), computed in the worker.
    map_points: tuple | None = field(default=None, repr=False)
    has_map_points: bool = False


@dataclass
class Cancelled:
    """What an evaluation job returns when Stop was pressed (no partial result is reported)."""

    what: str


def _snapshot_hook(live: LiveEmbeddings | None) -> Callable[[Any], None]:
    """Take embedding points from a report's model in the worker, only while the map is shown.

    At most every ``LIVE_INTERVAL`` seconds, and never more than ~5 % of the
    worker's time: a snapshot that took ``c`` seconds waits ``20·c`` before the
    next (large models, e.g. AutoRec, compute their embeddings by a forward pass).
    """
    next_at = [0.0]

    def take(report: Any) -> None:
        if live is None or not live.wanted or getattr(report, "model", None) is None:
            return
        now = time.perf_counter()
        if now < next_at[0]:
            return
        from ..core.analysis import embedding_points

        points = embedding_points(report.model)
        done = time.perf_counter()
        next_at[0] = done + max(LIVE_INTERVAL, 20 * (done - now))
        if points is not None:
            live.put(points[0], points[1], points[2], int(report.epoch))

    return take


def final_points(result: Any) -> tuple | None:
    """The finished model's map points, computed in the worker (None: no embeddings)."""
    from ..core.analysis import embedding_points

    try:
        return embedding_points(result)
    except Exception:  # a model kind whose embeddings cannot be drawn: no map, no failed training
        return None


def training_job(
    matrix: Any,
    config: dict,
    *,
    holdout_percent: float | None = None,
    patience: int | None = None,
    ensemble: int | None = None,
    live: LiveEmbeddings | None = None,
) -> Job:
    """F5 with the issue-4 options: a seeded validation holdout, early stopping, an ensemble of K seeds.

    ``holdout_percent`` (e.g. 10) holds out that share of the known ratings
    (engine: ``holdout_split``, seeded with the training seed, at least one
    cell); ``patience`` turns on early stopping on it; ``ensemble`` ≥ 2 trains
    that many seeds (engine: ``ensemble_fit``) and shows their mean.
    """
    config = dict(config)
    if patience and holdout_percent:
        config["patience"] = int(patience)
    else:
        config.pop("patience", None)

    def job(on_epoch: Callable, should_stop: Callable[[], bool]) -> InsightOutcome:
        from ..core.eval import errors_on, holdout_split

        _configure_torch()
        train_mask = valid_mask = None
        if holdout_percent:
            train_mask, valid_mask = holdout_split(matrix, float(holdout_percent) / 100.0, int(config["seed"]))
        snap = _snapshot_hook(live)
        if ensemble and ensemble > 1:
            return _ensemble(matrix, config, int(ensemble), train_mask, valid_mask, on_epoch, should_stop, snap)

        def hook(report: Any) -> None:
            on_epoch(report)
            snap(report)

        outcome = fit_job(matrix, config, train_mask=train_mask, valid_mask=valid_mask)(hook, should_stop)
        result = outcome.fit_result
        extra: dict[str, Any] = {
            "best_epoch": int(result.best_epoch),
            "patience": config.get("patience"),
            "map_points": final_points(result),
            "has_map_points": True,
        }
        if valid_mask is not None:
            extra.update(
                train_mask=train_mask,
                valid_mask=valid_mask,
                train_errors=errors_on(result, matrix, train_mask),
                valid_errors=errors_on(result, matrix, valid_mask),
            )
        return InsightOutcome(**vars(outcome), **extra)

    return job


def _ensemble(matrix, config, k, train_mask, valid_mask, on_epoch, should_stop, snap) -> InsightOutcome:
    from ..core.errors import Cancelled as EngineCancelled
    from ..core.eval import ensemble_fit, mae, rmse
    from .engine_info import config_from_spec, spec_from_config

    cfg = spec_from_config(config)
    epochs = _epochs(cfg)
    state = {"run": 1, "offset": 0, "last": 0}

    def progress(p: Any) -> None:
        if p.run != state["run"]:
            state["offset"] += state["last"]
            state["run"] = p.run
        state["last"] = p.epoch
        r = p.report
        on_epoch(EpochLike(state["offset"] + p.epoch, k * epochs, r.loss, r.val_loss))
        if p.run == 1:
            snap(r)

    started = time.perf_counter()
    try:
        mean, std, results = ensemble_fit(
            matrix, cfg, k, train_mask=train_mask, valid_mask=valid_mask, on_progress=progress, should_stop=should_stop
        )
    except EngineCancelled:
        raise SoloRecError(
            f"the ensemble was stopped before all {k} models had trained, so no prediction was applied"
        ) from None
    if not np.all(np.isfinite(mean)):
        raise SoloRecError("training produced non-finite predictions; try a smaller learning rate")
    extra: dict[str, Any] = {}
    if valid_mask is not None:
        values = matrix.values
        tr = train_mask & ~np.isnan(values)
        va = valid_mask & ~np.isnan(values)
        extra.update(
            train_mask=train_mask,
            valid_mask=valid_mask,
            train_errors=(rmse(mean[tr], values[tr]), mae(mean[tr], values[tr]), int(tr.sum())),
            valid_errors=(rmse(mean[va], values[va]), mae(mean[va], values[va]), int(va.sum())),
        )
    return InsightOutcome(
        predictions=mean,
        # The members' mean loss per epoch (model 1's when early stopping made their lengths differ).
        history=_mean_curve([r.history for r in results]),
        val_history=_mean_curve([r.val_history for r in results]),
        config=config_from_spec(cfg),
        stopped=False,
        seconds=time.perf_counter() - started,
        finished_at=datetime.now(),
        fit_result=results[0],
        best_epoch=None,
        patience=config.get("patience"),
        spread=std,
        members=k,
        member_results=results,
        map_points=final_points(results[0]),
        has_map_points=True,
        **extra,
    )


def _mean_curve(curves: list[list[float]]) -> list[float]:
    if not curves or not curves[0]:
        return []
    if all(len(c) == len(curves[0]) for c in curves):
        return [float(v) for v in np.mean(np.asarray(curves, dtype=float), axis=0)]
    return list(curves[0])


def _eval_progress(on_epoch: Callable, epochs: int, total_runs: int, offset: int = 0) -> Callable[[Any], None]:
    """EvalProgress (run r, epoch e) → one running epoch count over ``total_runs`` runs for the bar and plot."""

    def hook(p: Any) -> None:
        r = p.report
        on_epoch(EpochLike((offset + p.run - 1) * epochs + p.epoch, total_runs * epochs, r.loss if r else 0.0, None))

    return hook


def _train_config(config: dict, **overrides: Any):
    from .engine_info import spec_from_config

    return spec_from_config({**config, **overrides})


def _epochs(spec: Any) -> int:
    """Total epochs of one training of ``spec`` (a blend: its parts' epochs added)."""
    from ..core.models import Params

    def total(params: Any) -> int:
        nested = [getattr(params, f) for f in vars(params) if isinstance(getattr(params, f), Params)]
        if nested:
            return sum(total(p) for p in nested)
        return int(getattr(params, "epochs", 1))

    return total(spec.params)


def crossval_job(matrix: Any, config: dict, folds: int) -> Job:
    """K-fold cross-validation of the panel's settings (engine: ``evaluate(folds=k)``)."""

    def job(on_epoch: Callable, should_stop: Callable[[], bool]):
        from ..core.errors import Cancelled as EngineCancelled
        from ..core.eval import evaluate

        cfg = _train_config(config)
        try:
            return evaluate(
                matrix, cfg, folds=int(folds), on_progress=_eval_progress(on_epoch, _epochs(cfg), int(folds)),
                should_stop=should_stop,
            )
        except EngineCancelled:
            return Cancelled("cross-validation")

    return job


@dataclass
class CompareOutcome:
    """Comparison rows plus each model's full-data predictions (for the 'where they differ' view)."""

    rows: list
    predictions: dict[str, np.ndarray]
    folds: int


def compare_job(matrix: Any, config: dict, folds: int, models: list[str]) -> Job:
    """MF, NN, baseline (or any list) on the same folds and seed (engine: ``compare``),
    then each trained once on all known ratings so their predictions can be compared in the grid."""

    def job(on_epoch: Callable, should_stop: Callable[[], bool]):
        from ..core.errors import Cancelled as EngineCancelled
        from ..core.eval import compare
        from ..core.eval.validation import small_problem_threads
        from ..core.fit import fit

        configs = {name: _train_config(config, model=name) for name in models}
        epochs = max(_epochs(c) for c in configs.values())
        runs = len(models) * int(folds)
        try:
            rows = compare(
                matrix, configs, folds=int(folds), seed=int(config["seed"]),
                on_progress=_eval_progress(on_epoch, epochs, runs + len(models)), should_stop=should_stop,
            )
        except EngineCancelled:
            return Cancelled("comparison")
        predictions: dict[str, np.ndarray] = {}
        with small_problem_threads(matrix.n_known):
            for m, name in enumerate(models):
                hook = _eval_progress(on_epoch, epochs, runs + len(models), offset=runs + m)

                def report(r: Any, hook=hook) -> None:
                    hook(type("P", (), {"run": 1, "epoch": r.epoch, "report": r})())

                result = fit(matrix, configs[name], on_epoch=report, should_stop=should_stop)
                if result.stopped:
                    return Cancelled("comparison")
                predictions[name] = result.predict_matrix()
        return CompareOutcome(rows, predictions, int(folds))

    return job


__all__ = [
    "Cancelled",
    "CompareOutcome",
    "EpochLike",
    "InsightOutcome",
    "LiveEmbeddings",
    "compare_job",
    "crossval_job",
    "training_job",
]
