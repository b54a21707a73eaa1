"""Seeded splits of the known ratings: holdout, k folds, and a separate test file on the training grid.

Splits are made over the known cells in row-major order with a seeded
generator, so the same matrix and seed give the same folds for every model:
that is what makes a comparison fair.
"""

from __future__ import annotations

import numpy as np

from ..data import RatingMatrix
from ..errors import ConfigError, InputError
from ..models import LECTURE_SEED

#: Fraction of the known ratings held out when no method is chosen.
DEFAULT_HOLDOUT = 0.1
#: Fraction of the training part held out for early stopping inside an evaluation.
INNER_VALIDATION = 0.1


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
