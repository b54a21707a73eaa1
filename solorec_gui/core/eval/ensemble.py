"""Ensembles of seeds (how much do models disagree, cell by cell?) and the difference of two prediction matrices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..data import RatingMatrix
from ..errors import Cancelled, ConfigError
from ..fit import EpochReport, FitResult, fit
from ..models import TrainSpec
from .validation import EvalProgress, as_spec, small_problem_threads


def ensemble_fit(
    matrix: RatingMatrix,
    spec: TrainSpec | str | None = None,
    k: int = 5,
    *,
    train_mask: np.ndarray | None = None,
    valid_mask: np.ndarray | None = None,
    on_progress: Callable[[EvalProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray, list[FitResult]]:
    """Train ``k`` copies of the model with seeds ``seed + j`` (j = 0..k−1, ``seed`` the model's own).

    Returns (mean predictions, standard deviation across members (ddof 0, so
    zero for k = 1), the k FitResults). The spread shows where the models
    disagree: a prediction with a large spread deserves less trust.
    """
    spec = as_spec(spec)
    try:
        k_int = int(k)
    except (TypeError, ValueError):
        raise ConfigError(f"the ensemble size must be a whole number, not {k!r}") from None
    if k_int != k or k_int < 1:
        raise ConfigError(f"the ensemble needs at least 1 model, not {k}")
    if not hasattr(spec.params, "seed"):
        raise ConfigError(f"{spec.model} has no seed: an ensemble of seeds would train {k_int} identical models")
    with small_problem_threads(matrix.n_known):
        return _ensemble(matrix, spec, k_int, train_mask, valid_mask, on_progress, should_stop)


def _ensemble(matrix, spec, k_int, train_mask, valid_mask, on_progress, should_stop):
    results: list[FitResult] = []
    total = None
    total_sq = None
    for j in range(k_int):
        if should_stop is not None and should_stop():
            raise Cancelled()
        seed = int(spec.params.seed) + j
        member = spec.with_params(seed=seed)

        def hook(report: EpochReport, j=j) -> None:
            if on_progress is not None:
                on_progress(EvalProgress(j + 1, k_int, report.epoch, report.epochs, f"seed {seed}", report))

        result = fit(matrix, member, train_mask=train_mask, valid_mask=valid_mask, on_epoch=hook, should_stop=should_stop)
        if result.stopped:
            raise Cancelled()
        pred = result.predict_matrix()
        total = pred.copy() if total is None else total + pred
        total_sq = pred**2 if total_sq is None else total_sq + pred**2
        results.append(result)
    mean = total / k_int
    var = np.maximum(total_sq / k_int - mean**2, 0.0)
    std = np.sqrt(var)
    if k_int == 1:
        std = np.zeros_like(mean)
    return mean, std, results


@dataclass
class PredictionDiff:
    """Where two models' predictions for the missing cells differ most."""

    #: |a − b| on missing cells, NaN on known cells (for grid shading).
    abs_diff: np.ndarray
    #: Top cells as (user index, item index, prediction a, prediction b, |a − b|), largest first.
    top: list[tuple[int, int, float, float, float]]
    mean_abs_diff: float
    max_abs_diff: float


def prediction_diff(pred_a: np.ndarray, pred_b: np.ndarray, matrix: RatingMatrix, n: int = 10) -> PredictionDiff:
    """Compare two full prediction matrices on the cells the user cannot see (the missing ones)."""
    a = np.asarray(pred_a, dtype=np.float64)
    b = np.asarray(pred_b, dtype=np.float64)
    if a.shape != matrix.shape or b.shape != matrix.shape:
        raise ValueError(f"predictions of shape {a.shape} and {b.shape} do not fit a {matrix.shape} matrix")
    missing = ~matrix.known_mask
    diff = np.where(missing, np.abs(a - b), np.nan)
    rows, cols = np.nonzero(missing)
    values = diff[rows, cols]
    order = np.lexsort((cols, rows, -values))[: max(0, int(n))]
    top = [(int(rows[k]), int(cols[k]), float(a[rows[k], cols[k]]), float(b[rows[k], cols[k]]), float(values[k])) for k in order]
    return PredictionDiff(
        abs_diff=diff,
        top=top,
        mean_abs_diff=float(values.mean()) if len(values) else 0.0,
        max_abs_diff=float(values.max()) if len(values) else 0.0,
    )
