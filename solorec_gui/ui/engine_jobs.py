"""The window's jobs (see :mod:`.jobs`): training, validation, ensembles, cross-validation, comparison.

Each factory returns ``job(state) -> result`` for :class:`~.jobs.JobController`.
The jobs call the engine (``core.fit.fit``, ``core.eval``, ``core.analysis``);
nothing is re-implemented here, and the engine is imported inside the job, in
the worker thread, so the window never waits for torch.

Only numbers cross the thread boundary while a job runs: epochs through
``state.epoch``; the embedding map's points are computed in the worker (at most
every ``LIVE_INTERVAL`` seconds, and only while the map is shown) and sent with
``state.set_partial_result``. The model reaches the GUI thread only in the final
result, after the worker is done with it.

Every job is wrapped by :func:`~.job_guard.guard_job`: anything torch raises that
is not an engine error arrives as a message that says what to change.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from ..core.errors import SoloRecError
from ..core.models import TrainSpec
from .engine_info import spec_epochs
from .job_guard import guard_job
from .jobs import Job, TaskState

#: Seconds between two embedding snapshots taken in the worker.
LIVE_INTERVAL = 0.2


@dataclass
class EpochLike:
    """What ``state.epoch`` reads (an engine EpochReport renumbered across runs)."""

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None = None
    phase: str = ""
    phase_index: int = 0
    phases: int = 1


@dataclass
class TrainOutcome:
    """A finished (or stopped) training, validation or ensemble: what the grid and the panels show."""

    #: users × items; None for a sparse table (its grid asks ``fit_result.model.predict_rows``).
    predictions: np.ndarray | None
    history: list[float]
    val_history: list[float]
    spec: TrainSpec
    stopped: bool
    seconds: float
    finished_at: datetime
    #: The engine's FitResult (model included); for an ensemble its first member's.
    fit_result: Any = field(default=None, repr=False)
    #: Where each phase's epochs are in ``history`` (engine ``PhaseSpan``s; one for most models).
    phases: list = field(default_factory=list)
    #: The engine's plain statement when the model does worse than predicting the mean (else None).
    warning: str | None = None
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
    member_results: list = field(default_factory=list, repr=False)
    #: The embedding map's points of ``fit_result`` (engine ``embedding_points``), computed in the worker.
    map_points: tuple | None = field(default=None, repr=False)
    has_map_points: bool = False
    #: Where the model came from when it was not trained here (a model file's name).
    loaded_from: str | None = None

    @property
    def model_name(self) -> str:
        return self.spec.model


@dataclass
class CompareOutcome:
    """Comparison rows, the verdict, and each model's full-data predictions (for 'where they differ')."""

    rows: list
    predictions: dict[str, np.ndarray]
    folds: int
    verdict: Any = None
    specs: dict[str, TrainSpec] = field(default_factory=dict)


_threads_configured = False


def _configure_torch() -> None:
    """Leave one core to the GUI thread: torch otherwise takes them all."""
    global _threads_configured
    if _threads_configured:
        return
    import os

    import torch

    cores = os.cpu_count() or 1
    if cores > 1 and torch.get_num_threads() >= cores:
        torch.set_num_threads(cores - 1)
    _threads_configured = True


def _snapshot_hook(state: TaskState) -> Callable[[Any], None]:
    """Send embedding points of a report's model as partial results, only while the map is shown.

    At most every ``LIVE_INTERVAL`` seconds, and never more than ~5 % of the
    worker's time: a snapshot that took ``c`` seconds waits ``20·c`` before the
    next (large models, e.g. AutoRec, compute their embeddings by a forward pass).
    """
    next_at = [0.0]

    def take(report: Any) -> None:
        if not state.partial_wanted or getattr(report, "model", None) is None:
            return
        now = time.perf_counter()
        if now < next_at[0]:
            return
        from ..core.analysis import embedding_points

        points = embedding_points(report.model)
        done = time.perf_counter()
        next_at[0] = done + max(LIVE_INTERVAL, 20 * (done - now))
        if points is not None:
            state.set_partial_result(("map", points[0], points[1], points[2], int(report.epoch)))

    return take


def final_points(result: Any) -> tuple | None:
    """The finished model's map points, computed in the worker (None: no embeddings)."""
    from ..core.analysis import embedding_points

    try:
        return embedding_points(result)
    except Exception:  # noqa: BLE001 — a model whose embeddings cannot be drawn: no map, no failed training
        return None


def _check_finite(predictions: np.ndarray) -> None:
    if not np.all(np.isfinite(predictions)):
        raise SoloRecError("training produced non-finite predictions; try a smaller learning rate")


# ---------------------------------------------------------------------------
# F5: training, validation (a holdout), ensembles
# ---------------------------------------------------------------------------


def training_job(
    matrix: Any,
    spec: TrainSpec,
    *,
    holdout_percent: float | None = None,
    ensemble: int | None = None,
) -> Job:
    """F5: train ``spec`` on a snapshot ``matrix``; with ``holdout_percent`` (e.g. 10) hold out that
    share of the known ratings for a validation curve (engine ``holdout_split``, seeded with the
    model's seed; ``spec.patience`` then stops early); with ``ensemble`` ≥ 2 train that many seeds
    (engine ``ensemble_fit``) and show their mean."""
    if not holdout_percent and spec.patience:
        spec = spec.replace(patience=None)  # early stopping needs the holdout

    def job(state: TaskState) -> TrainOutcome:
        from ..core.eval import errors_on, holdout_split
        from ..core.fit import fit

        _configure_torch()
        train_mask = valid_mask = None
        if holdout_percent:
            seed = int(getattr(spec.params, "seed", 43052))
            train_mask, valid_mask = holdout_split(matrix, float(holdout_percent) / 100.0, seed)
        dense = bool(getattr(matrix, "is_dense", True))
        # A sparse (MovieLens-25M-size) table: no live map of 200,000 points, no grid-sized predictions.
        snap = _snapshot_hook(state) if dense else (lambda report: None)
        if ensemble and ensemble > 1:
            return _ensemble(matrix, spec, int(ensemble), train_mask, valid_mask, state, snap)

        def hook(report: Any) -> None:
            state.epoch(report)
            snap(report)

        result = fit(matrix, spec, train_mask=train_mask, valid_mask=valid_mask, on_epoch=hook,
                     should_stop=state.should_stop, on_batch=state.batch_done)
        if dense:
            predictions = result.predict_matrix()
            _check_finite(predictions)
        else:
            predictions = None  # the grid asks the model for the blocks it shows (predict_rows)
            _check_finite(result.model.predict_rows(np.arange(min(matrix.n_users, 8)),
                                                    np.arange(min(matrix.n_items, 64))))
        outcome = TrainOutcome(
            predictions=predictions, history=list(result.history), val_history=list(result.val_history),
            spec=result.spec, stopped=bool(result.stopped), seconds=float(result.seconds),
            finished_at=datetime.now(), fit_result=result, phases=list(result.phases), warning=result.warning,
            best_epoch=int(result.best_epoch), patience=result.spec.patience,
            map_points=final_points(result) if dense else None, has_map_points=dense,
        )
        if valid_mask is not None:
            outcome.train_mask, outcome.valid_mask = train_mask, valid_mask
            outcome.train_errors = errors_on(result, matrix, train_mask)
            outcome.valid_errors = errors_on(result, matrix, valid_mask)
        return outcome

    return guard_job(job, spec)


def _ensemble(matrix, spec, k, train_mask, valid_mask, state: TaskState, snap) -> TrainOutcome:
    from ..core.eval import ensemble_fit, mae, rmse
    from ..core.fit import worse_than_mean_warning

    epochs = spec_epochs(spec)
    offsets = {"run": 1, "offset": 0, "last": 0}

    def progress(p: Any) -> None:
        if p.run != offsets["run"]:
            offsets["offset"] += offsets["last"]
            offsets["run"] = p.run
        offsets["last"] = p.epoch
        r = p.report
        state.epoch(EpochLike(offsets["offset"] + p.epoch, k * epochs, r.loss, r.val_loss, r.phase, r.phase_index,
                              r.phases))
        if p.run == 1:
            snap(r)

    started = time.perf_counter()
    mean, std, results = ensemble_fit(matrix, spec, k, train_mask=train_mask, valid_mask=valid_mask,
                                      on_progress=progress, should_stop=state.should_stop)
    _check_finite(mean)
    values = matrix.values
    known = ~np.isnan(values) if train_mask is None else train_mask & ~np.isnan(values)
    train_mse = float(np.mean((mean[known] - values[known]) ** 2))
    mean_mse = float(np.var(values[known]))
    outcome = TrainOutcome(
        predictions=mean,
        # The members' mean loss per epoch (model 1's when early stopping made their lengths differ).
        history=_mean_curve([r.history for r in results]),
        val_history=_mean_curve([r.val_history for r in results]),
        spec=spec, stopped=False, seconds=time.perf_counter() - started, finished_at=datetime.now(),
        fit_result=results[0], phases=list(results[0].phases),
        warning=worse_than_mean_warning(train_mse, mean_mse, float(values[known].mean())),
        patience=spec.patience, spread=std, members=k, member_results=results,
        map_points=final_points(results[0]), has_map_points=True,
    )
    if valid_mask is not None:
        tr = known
        va = valid_mask & ~np.isnan(values)
        outcome.train_mask, outcome.valid_mask = train_mask, valid_mask
        outcome.train_errors = (rmse(mean[tr], values[tr]), mae(mean[tr], values[tr]), int(tr.sum()))
        outcome.valid_errors = (rmse(mean[va], values[va]), mae(mean[va], values[va]), int(va.sum()))
    return outcome


def _mean_curve(curves: list[list[float]]) -> list[float]:
    if not curves or not curves[0]:
        return []
    if all(len(c) == len(curves[0]) for c in curves):
        return [float(v) for v in np.mean(np.asarray(curves, dtype=float), axis=0)]
    return list(curves[0])


# ---------------------------------------------------------------------------
# Evaluations: cross-validation and comparison
# ---------------------------------------------------------------------------


class _RunCounter:
    """Evaluation progress (run r of a model, epoch e) → one running epoch count for the bar and plot."""

    def __init__(self, state: TaskState, plan: dict[str, tuple[int, int]]) -> None:
        # plan: name -> (runs of that model, epochs per run)
        self.state = state
        self.offsets: dict[str, int] = {}
        total = 0
        for name, (runs, epochs) in plan.items():
            self.offsets[name] = total
            total += runs * epochs
        self.plan = plan
        self.total = total
        self._announced: tuple[str, int] | None = None

    def report(self, name: str, run: int, report: Any, what: str) -> None:
        runs, epochs = self.plan[name]
        if self._announced != (name, run):
            self._announced = (name, run)
            self.state.set_status(what.format(model=name, run=run, runs=runs))
        epoch = self.offsets[name] + (run - 1) * epochs + int(report.epoch)
        self.state.epoch(EpochLike(epoch, self.total, float(report.loss), None))


def crossval_job(matrix: Any, spec: TrainSpec, folds: int) -> Job:
    """K-fold cross-validation of ``spec`` (engine: ``evaluate(folds=k)``); Stop raises Cancelled."""
    what = QCoreApplication.translate("Jobs", "{model}: fold {run} of {runs}")

    def job(state: TaskState):
        from ..core.eval import evaluate

        _configure_torch()
        counter = _RunCounter(state, {spec.model: (int(folds), spec_epochs(spec))})

        def hook(p: Any) -> None:
            if p.report is not None:
                counter.report(spec.model, p.run, p.report, what)

        return evaluate(matrix, spec, folds=int(folds), on_progress=hook, should_stop=state.should_stop)

    return guard_job(job, spec)


def compare_job(matrix: Any, specs: dict[str, TrainSpec], folds: int, seed: int) -> Job:
    """Several models, **each with its own settings**, on the same folds (engine: ``compare``), then
    each trained once on all known ratings so their predictions can be compared in the grid."""
    what = QCoreApplication.translate("Jobs", "{model}: fold {run} of {runs}")
    full = QCoreApplication.translate("Jobs", "{model}: on all ratings")

    def job(state: TaskState) -> CompareOutcome:
        from ..core.errors import Cancelled
        from ..core.eval import compare, verdict
        from ..core.eval.validation import small_problem_threads
        from ..core.fit import fit

        _configure_torch()
        names = list(specs)
        plan = {name: (int(folds) + 1, spec_epochs(specs[name])) for name in names}
        counter = _RunCounter(state, plan)

        def hook(p: Any) -> None:
            if p.report is not None:
                counter.report(p.label, (p.run - 1) % int(folds) + 1, p.report, what)

        rows = compare(matrix, dict(specs), folds=int(folds), seed=int(seed), on_progress=hook,
                       should_stop=state.should_stop)
        predictions: dict[str, np.ndarray] = {}
        with small_problem_threads(matrix.n_known):
            for name in names:
                def report(r: Any, name=name) -> None:
                    counter.report(name, int(folds) + 1, r, full)

                result = fit(matrix, specs[name], on_epoch=report, should_stop=state.should_stop)
                if result.stopped:
                    raise Cancelled()
                predictions[name] = result.predict_matrix()
        return CompareOutcome(rows, predictions, int(folds), verdict(rows), dict(specs))

    return guard_job(job, next(iter(specs.values()), None))


_warmed_specs: set[str] = set()


def warm_up_spec(spec) -> threading.Thread | None:
    """Warm up one more recipe in the background (a very large file opened: its recipe's optimizer,
    e.g. mf-large's sparse Adam, imports torch's compiler the first time, ~1 s holding the GIL), so
    that the first F5 on that file does not pay it while the loss streams. Once per model and settings."""
    key = repr(spec)
    if spec is None or key in _warmed_specs:
        return None
    _warmed_specs.add(key)

    def run() -> None:
        try:
            import numpy as np

            from ..core.data import RatingMatrix
            from ..core.fit import fit
            from ..core.models import TrainSpec

            params = spec.params
            if hasattr(params, "epochs"):
                params = params.replace(epochs=1)
            values = np.array([[5.0, 3.0, np.nan], [4.0, np.nan, 1.0], [np.nan, 2.0, 4.0]])
            tiny = RatingMatrix(users=["a", "b", "c"], items=["x", "y", "z"], values=values)
            result = fit(tiny, TrainSpec(spec.model, params), should_stop=background.stopping)
            if not background.stopping():
                result.model.predict_rows([0, 1], [0, 1])
        except Exception as exc:  # noqa: BLE001 — a warm-up that fails costs nothing but the time saved
            logging.getLogger(__name__).info("warm-up of %s failed: %s", spec.model, exc)

    from . import background

    return background.start(run, "solorec-warm-up-recipe")


__all__ = [
    "CompareOutcome",
    "EpochLike",
    "TrainOutcome",
    "compare_job",
    "crossval_job",
    "final_points",
    "training_job",
    "warm_up_spec",
]
