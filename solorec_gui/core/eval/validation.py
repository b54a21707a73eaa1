"""Is the model right? Held-out errors and k-fold cross-validation.

Everything here trains through :func:`~solorec_gui.core.fit.fit`, so it works
for every model, and takes the same two hooks as ``fit`` so the window can run
it in its worker thread:

* ``on_progress(p: EvalProgress)`` after every epoch of every run
  (``p.fraction`` drives a progress bar; ``p.report`` is fit's EpochReport);
* ``should_stop()`` polled between epochs; a stopped run raises
  :class:`~solorec_gui.core.errors.Cancelled` (nothing half-trained is ever
  reported as a result).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from ..data import RatingMatrix
from ..errors import Cancelled, ConfigError
from ..fit import EpochReport, FitResult, fit
from ..models import LECTURE_SEED, Recommender, TrainSpec
from ..runtime import SMALL_PROBLEM_CELLS, torch_threads
from .metrics import json_number, mae, rmse, sample_sd
from .splits import DEFAULT_HOLDOUT, INNER_VALIDATION, _align, holdout_split, kfold_splits


def as_spec(spec: TrainSpec | str | None) -> TrainSpec:
    """A validated :class:`TrainSpec` from a spec, a model name (its defaults) or None (the lecture's MF)."""
    if spec is None:
        return TrainSpec().validate()
    if isinstance(spec, str):
        return TrainSpec(spec).validate()
    if not isinstance(spec, TrainSpec):
        raise ConfigError(f"expected a model name or a TrainSpec, not {type(spec).__name__}")
    return spec.validate()


def small_problem_threads(n_cells: int):
    """One torch thread for small problems (see :data:`runtime.SMALL_PROBLEM_CELLS`)."""
    return torch_threads(1 if n_cells < SMALL_PROBLEM_CELLS else None)


@dataclass
class EvalProgress:
    """What ``on_progress`` receives: which run of how many, and fit's epoch report."""

    run: int  # 1-based
    runs: int
    epoch: int
    epochs: int
    label: str = ""
    report: EpochReport | None = field(default=None, repr=False)

    @property
    def fraction(self) -> float:
        return ((self.run - 1) + self.epoch / max(1, self.epochs)) / max(1, self.runs)


@dataclass
class FoldResult:
    """Errors of one trained model on its held-out ratings (and on its own training ratings)."""

    fold: int  # 1-based
    rmse: float
    mae: float
    n_train: int
    n_test: int
    fit_seconds: float
    train_rmse: float
    train_mae: float
    epochs_run: int
    best_epoch: int
    #: Held-out cells whose user or item had no training rating (predicted from biases only).
    n_cold: int = 0

    def to_json_dict(self) -> dict:
        return {k: json_number(v) for k, v in asdict(self).items()}


@dataclass
class EvalResult:
    """Result of :func:`evaluate`.

    For a test file or a holdout there is one fold. For k folds, ``rmse`` and
    ``mae`` are the means over the folds (``rmse_sd``/``mae_sd``: their sample
    standard deviations), ``n_test`` is the number of held-out predictions in
    all folds (= every known rating once), ``n_train`` the mean training size of
    a fold, and ``fit_seconds`` the total training time.
    """

    method: str  # "test", "holdout" or "folds"
    rmse: float
    mae: float
    n_train: int
    n_test: int
    fit_seconds: float
    folds: list[FoldResult]
    rmse_mean: float
    rmse_sd: float
    mae_mean: float
    mae_sd: float
    train_rmse: float
    train_mae: float
    spec: TrainSpec
    seed: int
    #: The held-out predictions on the evaluated grid (NaN where a cell was not
    #: held out): with k folds, every known rating predicted by the model that
    #: did not see it. Shape of ``matrix`` (or of the combined grid for a test file).
    test_predictions: np.ndarray | None = field(default=None, repr=False)
    #: The held-out ratings on the same grid (NaN elsewhere).
    test_ratings: np.ndarray | None = field(default=None, repr=False)
    #: The last fold's fit (its model, histories, cold flags) for a caller that wants it.
    last_fit: FitResult | None = field(default=None, repr=False)
    n_cold: int = 0

    def to_json_dict(self) -> dict:
        """JSON-ready summary: ``rmse, mae, n_train, n_test, fit_seconds`` plus details."""
        return {
            "rmse": json_number(self.rmse),
            "mae": json_number(self.mae),
            "n_train": int(self.n_train),
            "n_test": int(self.n_test),
            "fit_seconds": json_number(round(self.fit_seconds, 4)),
            "method": self.method,
            "rmse_sd": json_number(self.rmse_sd),
            "mae_sd": json_number(self.mae_sd),
            "train_rmse": json_number(self.train_rmse),
            "train_mae": json_number(self.train_mae),
            "n_cold": int(self.n_cold),
            "seed": int(self.seed),
            "model": self.spec.model,
            "settings": self.spec.summary(),
            "params": self.spec.params.to_dict(),
            "folds": [f.to_json_dict() for f in self.folds],
        }


def predict_cells(result: FitResult | Recommender, rows, cols) -> np.ndarray:
    """Predictions (on the scale) for the given cells only: cheap on large matrices."""
    model = result.model if isinstance(result, FitResult) else result
    return model.predict_cells(rows, cols)


def errors_on(result: FitResult | Recommender, matrix: RatingMatrix, mask: np.ndarray | None = None) -> tuple[float, float, int]:
    """(RMSE, MAE, n) of a trained model on the known cells of ``matrix`` under ``mask``.

    For the window's validation option: ``errors_on(result, m, train_mask)`` and
    ``errors_on(result, m, valid_mask)`` are the numbers to show when training ends.
    """
    rows, cols, vals = matrix.known_cells(mask)
    pred = predict_cells(result, rows, cols)
    return rmse(pred, vals), mae(pred, vals), len(vals)


def _choose_method(test, holdout, folds) -> str:
    chosen = [name for name, v in (("test", test), ("holdout", holdout), ("folds", folds)) if v is not None]
    if len(chosen) > 1:
        raise ConfigError(f"choose one of a test file, a holdout fraction or k folds, not {' and '.join(chosen)}")
    return chosen[0] if chosen else "holdout"


def _run_fit(
    matrix: RatingMatrix,
    spec: TrainSpec,
    train_mask: np.ndarray,
    *,
    split_seed: int,
    run: int,
    runs: int,
    label: str,
    on_progress,
    should_stop,
) -> FitResult:
    valid_mask = None
    fit_train = train_mask
    if spec.patience:
        # Early stopping must not peek at the test ratings: hold out part of the training part.
        fit_train, valid_mask = holdout_split(matrix, INNER_VALIDATION, split_seed + run, within=train_mask)

    def hook(report: EpochReport) -> None:
        if on_progress is not None:
            on_progress(EvalProgress(run, runs, report.epoch, report.epochs, label, report))

    result = fit(matrix, spec, train_mask=fit_train, valid_mask=valid_mask, on_epoch=hook, should_stop=should_stop)
    if result.stopped:
        raise Cancelled()
    return result


def evaluate(
    matrix: RatingMatrix,
    spec: TrainSpec | str | None = None,
    *,
    test: RatingMatrix | None = None,
    holdout: float | None = None,
    folds: int | None = None,
    seed: int | None = None,
    on_progress: Callable[[EvalProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    label: str = "",
) -> EvalResult:
    """Train on part of the ratings and measure RMSE/MAE on the rest.

    Exactly one of ``test`` (a separate RatingMatrix: train on all of
    ``matrix``, test on it), ``holdout`` (a fraction) or ``folds`` (k-fold
    cross-validation); none given = holdout 10 %. ``seed`` seeds the split
    (default: the model's seed); training always uses the model's own seed. With
    ``spec.patience`` set, early stopping uses 10 % of each training part,
    never the test ratings. Raises :class:`ConfigError`, :class:`InputError`,
    :class:`TrainingError`, or :class:`Cancelled` when ``should_stop`` fires.
    """
    spec = as_spec(spec)
    if not spec.model_class.rates:
        raise ConfigError(
            f"{spec.model} ranks items for a user; it does not predict ratings, so it has no RMSE: "
            "measure it with ranking metrics (--top-k)"
        )
    method = _choose_method(test, holdout, folds)
    split_seed = int(getattr(spec.params, "seed", LECTURE_SEED) if seed is None else seed)  # a model may have no seed
    n_cells = matrix.n_known + (test.n_known if test is not None else 0)
    with small_problem_threads(n_cells):
        return _evaluate(matrix, spec, method, test, holdout, folds, split_seed, on_progress, should_stop, label)


def _evaluate(matrix, spec, method, test, holdout, folds, split_seed, on_progress, should_stop, label) -> EvalResult:
    if method == "test":
        grid, test_cells = _align(matrix, test)
        splits = [(None, test_cells)]
    else:
        grid = matrix
        if method == "holdout":
            parts = [holdout_split(matrix, DEFAULT_HOLDOUT if holdout is None else holdout, split_seed)]
        else:
            parts = kfold_splits(matrix, folds, split_seed)
        splits = [(train_sel, matrix.known_cells(test_sel)) for train_sel, test_sel in parts]

    # The held-out predictions on the grid, when the grid can be held (not for a sparse matrix).
    test_pred = np.full(grid.shape, np.nan) if grid.is_dense else None
    test_true = np.full(grid.shape, np.nan) if grid.is_dense else None
    fold_results: list[FoldResult] = []
    last: FitResult | None = None
    train_errs: list[tuple[float, float]] = []
    for k, (train_mask, (rows, cols, truth)) in enumerate(splits, start=1):
        if should_stop is not None and should_stop():
            raise Cancelled()
        result = _run_fit(
            grid, spec, train_mask, split_seed=split_seed, run=k, runs=len(splits),
            label=label, on_progress=on_progress, should_stop=should_stop,
        )
        truth = np.asarray(truth, dtype=np.float64)
        pred = predict_cells(result, rows, cols)
        if test_pred is not None:
            test_pred[rows, cols] = pred
            test_true[rows, cols] = truth
        tr_rmse, tr_mae, n_train = errors_on(result, grid, train_mask)
        cold = np.zeros(len(rows), dtype=bool)
        if result.cold_users is not None:
            cold |= result.cold_users[rows]
        if result.cold_items is not None:
            cold |= result.cold_items[cols]
        fold_results.append(
            FoldResult(
                fold=k,
                rmse=rmse(pred, truth),
                mae=mae(pred, truth),
                n_train=n_train,
                n_test=len(truth),
                fit_seconds=result.seconds,
                train_rmse=tr_rmse,
                train_mae=tr_mae,
                epochs_run=len(result.history),
                best_epoch=result.best_epoch,
                n_cold=int(cold.sum()),
            )
        )
        train_errs.append((tr_rmse, tr_mae))
        last = result

    rmses = [f.rmse for f in fold_results]
    maes = [f.mae for f in fold_results]
    return EvalResult(
        method=method,
        rmse=float(np.mean(rmses)),
        mae=float(np.mean(maes)),
        n_train=int(round(np.mean([f.n_train for f in fold_results]))),
        n_test=int(sum(f.n_test for f in fold_results)),
        fit_seconds=float(sum(f.fit_seconds for f in fold_results)),
        folds=fold_results,
        rmse_mean=float(np.mean(rmses)),
        rmse_sd=sample_sd(rmses),
        mae_mean=float(np.mean(maes)),
        mae_sd=sample_sd(maes),
        train_rmse=float(np.mean([e[0] for e in train_errs])),
        train_mae=float(np.mean([e[1] for e in train_errs])),
        spec=spec,
        seed=split_seed,
        test_predictions=test_pred,
        test_ratings=test_true,
        last_fit=last,
        n_cold=int(sum(f.n_cold for f in fold_results)),
    )
