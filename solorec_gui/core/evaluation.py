"""Is the model right? Held-out errors, k-fold cross-validation, model comparison, ensembles.

Everything here trains through :func:`training.fit`, so it works for every
model kind, and takes the same two hooks as ``fit`` so the window can run it in
its worker thread:

* ``on_progress(p: EvalProgress)`` after every epoch of every run
  (``p.fraction`` drives a progress bar; ``p.report`` is fit's EpochReport);
* ``should_stop()`` polled between epochs; a cancelled run raises
  :class:`Cancelled` (nothing half-trained is ever reported as a result).

Splits are seeded (default: the lecture's seed) and made over the known cells
in row-major order, so the same matrix and seed give the same folds for every
model: that is what makes :func:`compare` fair.

Errors are measured on the rating scale (predictions clipped to it, as the
completed matrix shows them): RMSE = sqrt(mean((ŷ − y)²)), MAE = mean(|ŷ − y|).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

import numpy as np
import torch

from .data import RatingMatrix
from .errors import ConfigError, InputError, SoloRecError
from .training import LECTURE_SEED, SMALL_PROBLEM_CELLS, EpochReport, FitResult, TrainConfig, fit, torch_threads

#: Fraction of the known ratings held out when no method is chosen.
DEFAULT_HOLDOUT = 0.1
#: Fraction of the training part held out for early stopping inside an evaluation.
INNER_VALIDATION = 0.1


def small_problem_threads(n_cells: int):
    """One torch thread for small problems (see :data:`training.SMALL_PROBLEM_CELLS`)."""
    return torch_threads(1 if n_cells < SMALL_PROBLEM_CELLS else None)


class Cancelled(SoloRecError):
    """``should_stop`` asked an evaluation or ensemble to stop; there is no result."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------


def _pair(pred, true) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(pred, dtype=np.float64).ravel()
    t = np.asarray(true, dtype=np.float64).ravel()
    if p.shape != t.shape:
        raise ValueError(f"predictions ({p.size}) and ratings ({t.size}) differ in length")
    return p, t


def rmse(pred, true) -> float:
    """Root mean squared error; NaN for empty input."""
    p, t = _pair(pred, true)
    return float(np.sqrt(np.mean((p - t) ** 2))) if p.size else float("nan")


def mae(pred, true) -> float:
    """Mean absolute error; NaN for empty input."""
    p, t = _pair(pred, true)
    return float(np.mean(np.abs(p - t))) if p.size else float("nan")


# ---------------------------------------------------------------------------
# Splits
# ---------------------------------------------------------------------------


def _known_positions(matrix: RatingMatrix, within: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    rows, cols, _ = matrix.known_cells(within)
    return rows, cols


def _mask_of(matrix: RatingMatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    mask = np.zeros(matrix.shape, dtype=bool)
    mask[rows, cols] = True
    return mask


def holdout_split(
    matrix: RatingMatrix,
    frac: float = DEFAULT_HOLDOUT,
    seed: int = LECTURE_SEED,
    *,
    within: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Hold out ``frac`` of the known ratings: (train_mask, test_mask), disjoint boolean arrays.

    Seeded; at least one rating is held out and at least one kept (so with the
    63 known ratings of solo.csv, 10 % holds out 6). ``within`` restricts the
    split to a subset of the known cells (used for inner validation sets).
    """
    try:
        frac = float(frac)
    except (TypeError, ValueError):
        raise ConfigError(f"the holdout fraction must be a number, not {frac!r}") from None
    if not (0.0 < frac < 1.0):
        raise ConfigError(f"the holdout fraction must be between 0 and 1 (e.g. 0.1), not {frac:g}")
    rows, cols = _known_positions(matrix, within)
    n = len(rows)
    if n < 2:
        raise ConfigError(f"holding out ratings needs at least 2 known ratings; there {'is' if n == 1 else 'are'} {n}")
    n_test = min(n - 1, max(1, int(round(frac * n))))
    order = np.random.default_rng(int(seed)).permutation(n)
    test = order[:n_test]
    train = order[n_test:]
    return _mask_of(matrix, rows[train], cols[train]), _mask_of(matrix, rows[test], cols[test])


def kfold_splits(matrix: RatingMatrix, k: int, seed: int = LECTURE_SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    """K folds over the known ratings: [(train_mask, test_mask)] × k.

    The test folds are disjoint, differ in size by at most one, and together
    cover every known rating exactly once. Seeded.
    """
    try:
        k_int = int(k)
    except (TypeError, ValueError):
        raise ConfigError(f"the number of folds must be a whole number, not {k!r}") from None
    if k_int != k or k_int < 2:
        raise ConfigError(f"cross-validation needs at least 2 folds, not {k}")
    rows, cols = _known_positions(matrix)
    n = len(rows)
    if k_int > n:
        raise ConfigError(f"{k_int} folds need at least {k_int} known ratings; there are only {n}")
    order = np.random.default_rng(int(seed)).permutation(n)
    known = matrix.known_mask
    splits = []
    for part in np.array_split(order, k_int):
        test = _mask_of(matrix, rows[part], cols[part])
        splits.append((known & ~test, test))
    return splits


def _int_order(labels: list[str]) -> list[str]:
    try:
        return sorted(labels, key=int)
    except ValueError:
        return labels


def _align(train: RatingMatrix, test: RatingMatrix) -> tuple[RatingMatrix, np.ndarray, np.ndarray]:
    """(combined train matrix, test values on the combined grid (NaN elsewhere), test mask)."""
    if tuple(train.scale) != tuple(test.scale):
        raise InputError(
            f"the training file's rating scale ({train.scale[0]:g} to {train.scale[1]:g}) differs from "
            f"the test file's ({test.scale[0]:g} to {test.scale[1]:g})"
        )
    train_users, train_items = set(train.users), set(train.items)
    users = list(train.users) + [u for u in test.users if u not in train_users]
    items = list(train.items) + [i for i in test.items if i not in train_items]
    if len(users) > train.n_users:
        users = _int_order(users)
    if len(items) > train.n_items:
        items = _int_order(items)
    u_pos = {u: k for k, u in enumerate(users)}
    i_pos = {i: k for k, i in enumerate(items)}
    tr_u = np.array([u_pos[u] for u in train.users], dtype=np.int64)
    tr_i = np.array([i_pos[i] for i in train.items], dtype=np.int64)
    values = np.full((len(users), len(items)), np.nan)
    values[np.ix_(tr_u, tr_i)] = train.values
    te_u = np.array([u_pos[u] for u in test.users], dtype=np.int64)
    te_i = np.array([i_pos[i] for i in test.items], dtype=np.int64)
    test_values = np.full_like(values, np.nan)
    test_values[np.ix_(te_u, te_i)] = test.values
    test_mask = ~np.isnan(test_values)
    overlap = test_mask & ~np.isnan(values)
    if overlap.any():
        r, c = np.argwhere(overlap)[0]
        raise InputError(
            f"{int(overlap.sum())} rating(s) are in both the training and the test file "
            f"(e.g. user {users[r]!r}, item {items[c]!r}); a test rating must not be trained on"
        )
    if not test_mask.any():
        raise InputError("the test file has no rating to evaluate")
    combined = RatingMatrix(users, items, values, train.scale, train.corner, dict(train.source))
    return combined, test_values, test_mask


def align_test(train: RatingMatrix, test: RatingMatrix) -> tuple[RatingMatrix, np.ndarray]:
    """Put a separate test file on the training file's grid.

    Returns (combined, test_mask): ``combined`` holds only the training
    ratings, over the union of both files' user and item labels (training
    order first, new labels appended; integer ids such as MovieLens' are kept
    in numeric order); ``test_mask`` marks the cells the test file rates.
    Users or items only in the test file have no training rating: they are
    *cold*, and ``fit`` predicts them from biases alone. Raises
    :class:`InputError` if the scales differ, a cell is rated in both files, or
    the test file is empty.
    """
    combined, _, test_mask = _align(train, test)
    return combined, test_mask


# ---------------------------------------------------------------------------
# Evaluate
# ---------------------------------------------------------------------------


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
        return {k: _json_number(v) for k, v in asdict(self).items()}


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
    config: TrainConfig
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
            "rmse": _json_number(self.rmse),
            "mae": _json_number(self.mae),
            "n_train": int(self.n_train),
            "n_test": int(self.n_test),
            "fit_seconds": _json_number(round(self.fit_seconds, 4)),
            "method": self.method,
            "rmse_sd": _json_number(self.rmse_sd),
            "mae_sd": _json_number(self.mae_sd),
            "train_rmse": _json_number(self.train_rmse),
            "train_mae": _json_number(self.train_mae),
            "n_cold": int(self.n_cold),
            "seed": int(self.seed),
            "model": self.config.model,
            "config": self.config.to_dict(),
            "folds": [f.to_json_dict() for f in self.folds],
        }


def _json_number(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(v) else None
    return v


def predict_cells(result: FitResult | torch.nn.Module, rows, cols, chunk: int = 1 << 18) -> np.ndarray:
    """Predictions (clipped to the scale) for the given cells only: cheap on large matrices."""
    model = result.model if isinstance(result, FitResult) else result
    device = next(iter(model.parameters())).device if any(True for _ in model.parameters()) else "cpu"
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    out = np.empty(len(rows), dtype=np.float64)
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for s in range(0, len(rows), chunk):
                u = torch.as_tensor(rows[s : s + chunk], device=device)
                i = torch.as_tensor(cols[s : s + chunk], device=device)
                out[s : s + len(u)] = model.predict(u, i).double().cpu().numpy()
    finally:
        model.train(was_training)
    return out


def errors_on(result: FitResult | torch.nn.Module, matrix: RatingMatrix, mask: np.ndarray | None = None) -> tuple[float, float, int]:
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


def _sd(values: list[float]) -> float:
    v = [x for x in values if math.isfinite(x)]
    return float(np.std(v, ddof=1)) if len(v) > 1 else 0.0


def _run_fit(
    matrix: RatingMatrix,
    config: TrainConfig,
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
    if config.patience:
        # Early stopping must not peek at the test ratings: hold out part of the training part.
        fit_train, valid_mask = holdout_split(matrix, INNER_VALIDATION, split_seed + run, within=train_mask)

    def hook(report: EpochReport) -> None:
        if on_progress is not None:
            on_progress(EvalProgress(run, runs, report.epoch, report.epochs, label, report))

    result = fit(matrix, config, train_mask=fit_train, valid_mask=valid_mask, on_epoch=hook, should_stop=should_stop)
    if result.stopped:
        raise Cancelled()
    return result


def evaluate(
    matrix: RatingMatrix,
    config: TrainConfig | None = None,
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
    (default: ``config.seed``); training always uses ``config.seed``. With
    ``config.patience`` set, early stopping uses 10 % of each training part,
    never the test ratings. Raises :class:`ConfigError`, :class:`InputError`,
    :class:`TrainingError`, or :class:`Cancelled` when ``should_stop`` fires.
    """
    config = (config or TrainConfig()).validate()
    method = _choose_method(test, holdout, folds)
    split_seed = int(config.seed if seed is None else seed)
    n_cells = matrix.n_known + (test.n_known if test is not None else 0)
    with small_problem_threads(n_cells):
        return _evaluate(matrix, config, method, test, holdout, folds, split_seed, on_progress, should_stop, label)


def _evaluate(matrix, config, method, test, holdout, folds, split_seed, on_progress, should_stop, label) -> EvalResult:
    if method == "test":
        grid, test_values, test_mask = _align(matrix, test)
        splits = [(grid.known_mask, test_mask)]
    else:
        grid = matrix
        test_values = matrix.values
        if method == "holdout":
            splits = [holdout_split(matrix, DEFAULT_HOLDOUT if holdout is None else holdout, split_seed)]
        else:
            splits = kfold_splits(matrix, folds, split_seed)

    test_pred = np.full(grid.shape, np.nan)
    test_true = np.full(grid.shape, np.nan)
    fold_results: list[FoldResult] = []
    last: FitResult | None = None
    train_errs: list[tuple[float, float]] = []
    for k, (train_mask, test_mask) in enumerate(splits, start=1):
        if should_stop is not None and should_stop():
            raise Cancelled()
        result = _run_fit(
            grid, config, train_mask, split_seed=split_seed, run=k, runs=len(splits),
            label=label, on_progress=on_progress, should_stop=should_stop,
        )
        rows, cols = np.nonzero(test_mask)
        truth = test_values[rows, cols]
        pred = predict_cells(result, rows, cols)
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
        rmse_sd=_sd(rmses),
        mae_mean=float(np.mean(maes)),
        mae_sd=_sd(maes),
        train_rmse=float(np.mean([e[0] for e in train_errs])),
        train_mae=float(np.mean([e[1] for e in train_errs])),
        config=config,
        seed=split_seed,
        test_predictions=test_pred,
        test_ratings=test_true,
        last_fit=last,
        n_cold=int(sum(f.n_cold for f in fold_results)),
    )


# ---------------------------------------------------------------------------
# Compare
# ---------------------------------------------------------------------------


@dataclass
class CompareRow:
    """One model's line in the comparison table."""

    model: str
    rmse: float
    rmse_sd: float
    mae: float
    mae_sd: float
    seconds: float
    result: EvalResult = field(repr=False)

    @property
    def rmse_text(self) -> str:
        return f"{self.rmse:.4f} ± {self.rmse_sd:.4f}"

    def to_json_dict(self) -> dict:
        return {
            "model": self.model,
            "rmse": _json_number(self.rmse),
            "rmse_sd": _json_number(self.rmse_sd),
            "mae": _json_number(self.mae),
            "mae_sd": _json_number(self.mae_sd),
            "seconds": _json_number(round(self.seconds, 4)),
            "n_train": int(self.result.n_train),
            "n_test": int(self.result.n_test),
            "train_rmse": _json_number(self.result.train_rmse),
        }


def compare(
    matrix: RatingMatrix,
    configs: dict[str, TrainConfig],
    folds: int | None = 5,
    seed: int = LECTURE_SEED,
    *,
    test: RatingMatrix | None = None,
    holdout: float | None = None,
    on_progress: Callable[[EvalProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[CompareRow]:
    """Evaluate several configurations on the same splits; one :class:`CompareRow` per name.

    Default: ``folds``-fold cross-validation with split ``seed`` (the same folds
    for every model, each trained with its own ``config.seed``). Pass ``test``
    or ``holdout`` instead to compare on a test file or a single holdout (then
    ``folds`` is ignored). ``on_progress`` fractions cover the whole comparison.
    """
    if not configs:
        raise ConfigError("nothing to compare: give at least one model")
    if test is not None or holdout is not None:
        folds = None
    names = list(configs)
    rows: list[CompareRow] = []
    for m, name in enumerate(names):

        def hook(p: EvalProgress, m=m, name=name) -> None:
            if on_progress is not None:
                on_progress(
                    EvalProgress(m * p.runs + p.run, len(names) * p.runs, p.epoch, p.epochs, name, p.report)
                )

        result = evaluate(
            matrix, configs[name], test=test, holdout=holdout, folds=folds, seed=seed,
            on_progress=hook, should_stop=should_stop, label=name,
        )
        rows.append(CompareRow(name, result.rmse, result.rmse_sd, result.mae, result.mae_sd, result.fit_seconds, result))
    return rows


def format_compare_table(rows: list[CompareRow]) -> str:
    """The comparison as a plain-text table (for the CLI)."""
    head = f"{'model':<12} {'RMSE (mean ± sd)':>20} {'MAE (mean ± sd)':>20} {'seconds':>9}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.model:<12} {f'{r.rmse:.4f} ± {r.rmse_sd:.4f}':>20} {f'{r.mae:.4f} ± {r.mae_sd:.4f}':>20} {r.seconds:>9.2f}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Ensembles and disagreement
# ---------------------------------------------------------------------------


def ensemble_fit(
    matrix: RatingMatrix,
    config: TrainConfig | None = None,
    k: int = 5,
    *,
    train_mask: np.ndarray | None = None,
    valid_mask: np.ndarray | None = None,
    on_progress: Callable[[EvalProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray, list[FitResult]]:
    """Train ``k`` copies with seeds ``config.seed + j`` (j = 0..k−1).

    Returns (mean predictions, standard deviation across members (ddof 0, so
    zero for k = 1), the k FitResults). The spread shows where the models
    disagree: a prediction with a large spread deserves less trust.
    """
    config = (config or TrainConfig()).validate()
    try:
        k_int = int(k)
    except (TypeError, ValueError):
        raise ConfigError(f"the ensemble size must be a whole number, not {k!r}") from None
    if k_int != k or k_int < 1:
        raise ConfigError(f"the ensemble needs at least 1 model, not {k}")
    with small_problem_threads(matrix.n_known):
        return _ensemble(matrix, config, k_int, train_mask, valid_mask, on_progress, should_stop)


def _ensemble(matrix, config, k_int, train_mask, valid_mask, on_progress, should_stop):
    results: list[FitResult] = []
    total = None
    total_sq = None
    for j in range(k_int):
        if should_stop is not None and should_stop():
            raise Cancelled()
        member = replace(config, seed=int(config.seed) + j)

        def hook(report: EpochReport, j=j) -> None:
            if on_progress is not None:
                on_progress(EvalProgress(j + 1, k_int, report.epoch, report.epochs, f"seed {member.seed}", report))

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
