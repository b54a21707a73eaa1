"""Seeded splits of the known ratings: holdout, k folds, and a separate test file on the training grid.

Splits are made over the known cells in row-major order with a seeded
generator, so the same matrix and seed give the same folds for every model:
that is what makes a comparison fair. They are computed as positions in
``known_cells()`` order and returned as the matrix's own kind of selection
(:meth:`RatingMatrix.selection`): boolean masks for a dense matrix, position
arrays for a sparse one (25 M ratings: 200 MB of positions instead of a
9.6-billion-cell mask), with the same cells either way.
"""

from __future__ import annotations

import numpy as np

from ..data import RatingMatrix, from_cells
from ..errors import ConfigError, InputError
from ..models import LECTURE_SEED

#: Fraction of the known ratings held out when no method is chosen.
DEFAULT_HOLDOUT = 0.1
#: Fraction of the training part held out for early stopping inside an evaluation.
INNER_VALIDATION = 0.1


def positions(matrix: RatingMatrix, selection: np.ndarray | None = None) -> np.ndarray:
    """The positions (in ``known_cells()`` order) of the known cells a selection picks; None = all."""
    return matrix.positions(selection)


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
    base = positions(matrix, within)
    n = len(base)
    if n < 2:
        raise ConfigError(f"holding out ratings needs at least 2 known ratings; there {'is' if n == 1 else 'are'} {n}")
    n_test = min(n - 1, max(1, int(round(frac * n))))
    order = base[np.random.default_rng(int(seed)).permutation(n)]
    return matrix.selection(order[n_test:]), matrix.selection(order[:n_test])


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
    n = matrix.n_known
    if k_int > n:
        raise ConfigError(f"{k_int} folds need at least {k_int} known ratings; there are only {n}")
    order = np.random.default_rng(int(seed)).permutation(n)
    splits = []
    for part in np.array_split(order, k_int):
        rest = np.ones(n, dtype=bool)
        rest[part] = False
        splits.append((matrix.selection(np.flatnonzero(rest)), matrix.selection(part)))
    return splits


def _int_order(labels: list[str]) -> list[str]:
    try:
        return sorted(labels, key=int)
    except ValueError:
        return labels


def _union_labels(train: list[str], test: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(combined labels, position of each training label, position of each test label)."""
    known = set(train)
    labels = list(train) + [x for x in test if x not in known]
    if len(labels) > len(train):
        labels = _int_order(labels)
    pos = {x: k for k, x in enumerate(labels)}
    return (labels, np.fromiter((pos[x] for x in train), dtype=np.int64, count=len(train)),
            np.fromiter((pos[x] for x in test), dtype=np.int64, count=len(test)))


def _align(train: RatingMatrix, test: RatingMatrix) -> tuple[RatingMatrix, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(combined training matrix, the test file's cells (rows, cols, ratings) on the combined grid).

    The combined matrix is dense when its grid fits (:data:`~..data.MAX_CELLS`), sparse above.
    """
    if tuple(train.scale) != tuple(test.scale):
        raise InputError(
            f"the training file's rating scale ({train.scale[0]:g} to {train.scale[1]:g}) differs from "
            f"the test file's ({test.scale[0]:g} to {test.scale[1]:g})"
        )
    users, tr_u, te_u = _union_labels(train.users, test.users)
    items, tr_i, te_i = _union_labels(train.items, test.items)
    r, c, v = train.known_cells()
    # New labels appended in order (or numeric ids merged in order) keep the training cells sorted.
    monotonic = bool(np.all(np.diff(tr_u) > 0) and np.all(np.diff(tr_i) > 0))
    combined = from_cells(users, items, tr_u[r], tr_i[c], v, train.scale, train.corner, dict(train.source),
                          dense=None if train.is_dense else False, ordered=monotonic)
    r, c, v = test.known_cells()
    t_rows, t_cols, t_vals = te_u[r], te_i[c], np.asarray(v, dtype=np.float64)
    if len(t_vals) == 0:
        raise InputError("the test file has no rating to evaluate")
    # A test rating must not be trained on: compare (user, item) keys of both files.
    n_items = len(items)
    tr_rows, tr_cols, _ = combined.known_cells()
    train_keys = np.asarray(tr_rows, dtype=np.int64) * n_items + tr_cols  # sorted: known_cells' row-major order
    test_keys = t_rows * n_items + t_cols
    at = np.minimum(np.searchsorted(train_keys, test_keys), max(0, len(train_keys) - 1))
    overlap = train_keys[at] == test_keys if len(train_keys) else np.zeros(len(test_keys), dtype=bool)
    if overlap.any():
        k = int(np.argmax(overlap))
        raise InputError(
            f"{int(overlap.sum())} rating(s) are in both the training and the test file "
            f"(e.g. user {users[t_rows[k]]!r}, item {items[t_cols[k]]!r}); a test rating must not be trained on"
        )
    order = np.lexsort((t_cols, t_rows))  # row-major, as a mask's np.nonzero gives them
    return combined, (t_rows[order], t_cols[order], t_vals[order])


def align_cells(train: RatingMatrix, test: RatingMatrix) -> tuple[RatingMatrix, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Put a separate test file on the training file's grid, as cells: (combined, (rows, cols, ratings)).

    Like :func:`align_test` (same labels, the same checks), with the test ratings as cells in row-major
    order instead of a grid-sized mask: what works at any size (a sparse combined matrix above 50 M cells).
    """
    return _align(train, test)


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
    combined, (rows, cols, _) = _align(train, test)
    if not combined.is_dense:
        raise combined.refuse_dense("a mask of the test cells")
    mask = np.zeros(combined.shape, dtype=bool)
    mask[rows, cols] = True
    return combined, mask
