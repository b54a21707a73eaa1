"""Rating matrices: the one data type of SoloRec, dense or sparse.

A :class:`RatingMatrix` is user labels (rows), item labels (columns), a float
array with NaN for missing cells, and the rating scale. The readers
(:mod:`.read`, :mod:`.stream`) build one from a file, the writers (:mod:`.write`) save one.
:func:`cold_start_report` names the users and items without any known rating.

Above :data:`MAX_CELLS` users × items (MovieLens-25M: 9.6 billion cells) a dense
array cannot exist, so :class:`SparseRatingMatrix` holds only the known ratings
as compact arrays (int32 user and item codes, float32 ratings, row-major like a
CSR matrix). Both answer the same questions the engine asks: shape, labels,
``known_cells(selection)``, ``cell(u, i)``, ``block(...)`` for a lazy grid.
A *selection* of known cells is a boolean mask of the matrix's shape (dense
only, the historic form) or an integer array of positions in ``known_cells()``
order (both kinds): :meth:`RatingMatrix.selection` makes the right one, so the
splits in ``eval/`` work at any size. ``values`` and ``known_mask`` exist only
for a dense matrix; on a sparse one they raise :class:`~..errors.InputError`
naming the size.
Nothing here imports Qt or torch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from .cells import _parse_cell

DEFAULT_SCALE: tuple[float, float] = (0.0, 5.0)

#: Largest matrix (users × items cells) a file may describe: 50 million cells
#: are 400 MB of float64. MovieLens 1M (6040 × 3706) fits; a long file whose
#: every line names a new user and a new item is refused instead of exhausting memory.
MAX_CELLS = 50_000_000


@dataclass(eq=False)
class RatingMatrix:
    """Users × items ratings; ``values[u, i]`` is NaN where no rating is known."""

    users: list[str]
    items: list[str]
    values: np.ndarray
    scale: tuple[float, float] = DEFAULT_SCALE
    #: The header cell above the user labels in a wide file (usually empty).
    corner: str = ""
    #: How the file was read: path, layout, encoding, separator. Informational.
    source: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.values = np.asarray(self.values, dtype=np.float64)
        if self.values.shape != (len(self.users), len(self.items)):
            raise ValueError(
                f"values shape {self.values.shape} does not match "
                f"{len(self.users)} users × {len(self.items)} items"
            )
        self.scale = _valid_scale(self.scale)

    #: False for :class:`SparseRatingMatrix`: then there is no ``values`` array.
    is_dense = True

    # -- shape and known cells -------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape  # type: ignore[return-value]

    @property
    def n_users(self) -> int:
        return len(self.users)

    @property
    def n_items(self) -> int:
        return len(self.items)

    @property
    def known_mask(self) -> np.ndarray:
        return ~np.isnan(self.values)

    @property
    def n_known(self) -> int:
        return int(np.count_nonzero(self.known_mask))

    def known_cells(self, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Known cells as (rows, cols, ratings), row by row in file order.

        This order (users in file order, items in column order, missing cells
        skipped) is the lecture's ``df.stack()`` order and is what makes the
        seeded training reproduce its numbers. ``mask`` restricts to a subset.
        """
        if mask is not None and _is_positions(mask):
            rows, cols = np.nonzero(self.known_mask)
            rows, cols = rows[mask], cols[mask]
            return rows, cols, self.values[rows, cols]
        known = self.known_mask if mask is None else (self.known_mask & mask)
        rows, cols = np.nonzero(known)
        return rows, cols, self.values[rows, cols]

    def positions(self, selection: np.ndarray | None = None) -> np.ndarray:
        """The positions (in ``known_cells()`` order) of the known cells a selection picks; None = all."""
        if selection is None:
            return np.arange(self.n_known)
        selection = np.asarray(selection)
        if _is_positions(selection):
            return selection.astype(np.int64, copy=False)
        if selection.ndim == 1:  # a boolean over the known cells
            return np.flatnonzero(selection)
        return np.flatnonzero(selection[self.known_mask])

    def selection(self, positions: np.ndarray) -> np.ndarray:
        """The known cells at ``positions`` (indices into ``known_cells()`` order) as a selection:
        a boolean mask of the matrix's shape here, sorted positions for a sparse matrix."""
        rows, cols = np.nonzero(self.known_mask)
        mask = np.zeros(self.shape, dtype=bool)
        mask[rows[positions], cols[positions]] = True
        return mask

    def cell(self, u: int, i: int) -> float:
        """The rating of user ``u`` for item ``i`` (NaN when unknown)."""
        return float(self.values[u, i])

    def block(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Rows ``r0:r1`` × columns ``c0:c1`` as a dense float64 array (NaN = unknown): what a lazy grid draws."""
        return np.array(self.values[r0:r1, c0:c1], dtype=np.float64)

    def counts(self, selection: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(ratings per user, ratings per item) over the known cells of ``selection`` (None = all)."""
        rows, cols, _ = self.known_cells(selection)
        return np.bincount(rows, minlength=self.n_users), np.bincount(cols, minlength=self.n_items)

    def copy(self) -> RatingMatrix:
        return RatingMatrix(
            list(self.users), list(self.items), self.values.copy(), self.scale, self.corner, dict(self.source)
        )

    def masked(self, keep: np.ndarray) -> RatingMatrix:
        """A copy in which only the known cells where ``keep`` is True (a selection) remain."""
        if _is_positions(keep):
            keep = self.selection(keep)
        values = np.where(keep, self.values, np.nan)
        return RatingMatrix(list(self.users), list(self.items), values, self.scale, self.corner, dict(self.source))

    # -- values ----------------------------------------------------------------
    def check_rating(self, value: float, where: str = "") -> float:
        """Return ``value`` as float if it is a finite rating on the scale, else raise."""
        lo, hi = self.scale
        prefix = f"{where}: " if where else ""
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise InputError(f"{prefix}rating {value!r} is not a number") from None
        if not np.isfinite(v):
            raise InputError(f"{prefix}{value!r} is not a finite number")
        if v < lo or v > hi:
            raise InputError(f"{prefix}rating {v:g} is outside the scale {lo:g} to {hi:g}")
        return v

    def parse_rating(self, text: str, where: str = "") -> float:
        """Parse a typed or pasted rating; NaN for a missing marker; raise if invalid."""
        return _parse_cell(text, self.scale, decimal_comma=True, where=where)



# ---------------------------------------------------------------------------
# Cold start
# ---------------------------------------------------------------------------


@dataclass
class ColdStart:
    """Users and items without any known rating (see :func:`cold_start_report`)."""

    users: list[str]
    items: list[str]

    def __bool__(self) -> bool:
        return bool(self.users or self.items)

    def message(self, limit: int = 5) -> str:
        """One line for the CLI or a status bar; empty when nothing is cold."""

        def names(labels: list[str]) -> str:
            shown = ", ".join(repr(x) for x in labels[:limit])
            return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")

        parts = []
        if self.users:
            n = len(self.users)
            parts.append(f"{n} user{'s' if n != 1 else ''} without any rating ({names(self.users)})")
        if self.items:
            n = len(self.items)
            parts.append(f"{n} item{'s' if n != 1 else ''} without any rating ({names(self.items)})")
        if not parts:
            return ""
        return "cold start: " + "; ".join(parts) + ": their predictions come from the biases only"


def cold_start_report(matrix: RatingMatrix, mask: np.ndarray | None = None) -> ColdStart:
    """Users (whole rows) and items (whole columns) with no known rating.

    Their embeddings cannot learn anything, so training (``training.neutralize_cold``)
    zeroes them and sets their biases to the mean of the others: a cold user's
    prediction is then ``σ(mean b_u + b_i)`` for MF, the item's popularity alone.
    ``mask`` restricts the known cells (e.g. to a training split).
    """
    per_user, per_item = matrix.counts(mask)
    users = [matrix.users[k] for k in np.flatnonzero(per_user == 0)]
    items = [matrix.items[k] for k in np.flatnonzero(per_item == 0)]
    return ColdStart(users, items)


def _valid_scale(scale: tuple[float, float]) -> tuple[float, float]:
    lo, hi = scale
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise InputError(f"the rating scale {lo:g} to {hi:g} is not a valid range")
    return float(lo), float(hi)


def _is_positions(selection: np.ndarray) -> bool:
    return np.asarray(selection).dtype.kind in "iu"


def cells_text(n: int) -> str:
    """``9,594,133,701 cells (9.6 billion)``: a cell count a reader can take in."""
    if n >= 1_000_000_000:
        return f"{n:,} cells ({n / 1e9:.1f} billion)"
    if n >= 1_000_000:
        return f"{n:,} cells ({n / 1e6:.1f} million)"
    return f"{n:,} cells"


class SparseRatingMatrix(RatingMatrix):
    """Only the known ratings, for matrices too large to hold as a grid (above :data:`MAX_CELLS` cells).

    ``rows``/``cols`` are int32 user/item codes and ``ratings`` float32, sorted by
    (row, column) — the dense matrix's ``known_cells()`` order — with ``indptr``
    (CSR row pointers): user ``u``'s ratings are ``indptr[u]:indptr[u + 1]``. 25 M
    ratings take 300 MB instead of the 77 GB of a 162,541 × 59,047 float64 grid.
    A selection is an integer array of positions (see the module docstring).
    """

    is_dense = False

    def __init__(
        self,
        users: list[str],
        items: list[str],
        rows: np.ndarray,
        cols: np.ndarray,
        ratings: np.ndarray,
        scale: tuple[float, float] = DEFAULT_SCALE,
        corner: str = "",
        source: dict | None = None,
        *,
        ordered: bool = False,
    ) -> None:
        self.users, self.items = users, items
        self.corner, self.source = corner, dict(source or {})
        self.scale = _valid_scale(scale)
        rows = np.asarray(rows, dtype=np.int32)
        cols = np.asarray(cols, dtype=np.int32)
        ratings = np.asarray(ratings, dtype=np.float32)
        if not (len(rows) == len(cols) == len(ratings)):
            raise ValueError("rows, cols and ratings differ in length")
        if len(rows) and (rows.min() < 0 or rows.max() >= len(users) or cols.min() < 0 or cols.max() >= len(items)):
            raise ValueError("a cell lies outside the users × items grid")
        if not ordered:
            order = np.argsort(rows.astype(np.int64) * len(items) + cols, kind="stable")
            rows, cols, ratings = rows[order], cols[order], ratings[order]
        self.rows, self.cols, self.ratings = rows, cols, ratings
        self.indptr = np.zeros(len(users) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(users)), out=self.indptr[1:])

    def __repr__(self) -> str:
        return (f"SparseRatingMatrix({self.n_users:,} users × {self.n_items:,} items, {self.n_known:,} ratings, "
                f"scale {self.scale[0]:g}–{self.scale[1]:g})")

    def refuse_dense(self, what: str) -> InputError:
        n = self.n_users * self.n_items
        return InputError(
            f"{what} needs the full grid, and this table has {self.n_users:,} users × {self.n_items:,} items = "
            f"{cells_text(n)}, more than SoloRec holds as a grid ({MAX_CELLS:,}); "
            "use top-N recommendations or the predictions for chosen users instead"
        )

    @property
    def values(self) -> np.ndarray:  # type: ignore[override]
        raise self.refuse_dense("this")

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.users), len(self.items))

    @property
    def known_mask(self) -> np.ndarray:
        raise self.refuse_dense("a mask of the known cells")

    @property
    def n_known(self) -> int:
        return len(self.ratings)

    def known_cells(self, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if mask is None:
            return self.rows, self.cols, self.ratings
        mask = np.asarray(mask)
        if mask.dtype == bool and mask.shape != (self.n_known,):
            raise self.refuse_dense("a mask over the whole grid")
        return self.rows[mask], self.cols[mask], self.ratings[mask]

    def selection(self, positions: np.ndarray) -> np.ndarray:
        return np.sort(np.asarray(positions, dtype=np.int64))

    def cell(self, u: int, i: int) -> float:
        a, b = self.indptr[u], self.indptr[u + 1]
        k = a + int(np.searchsorted(self.cols[a:b], i))
        return float(self.ratings[k]) if k < b and self.cols[k] == i else math.nan

    def row(self, u: int) -> tuple[np.ndarray, np.ndarray]:
        """User ``u``'s (item codes, ratings), items in column order."""
        a, b = self.indptr[u], self.indptr[u + 1]
        return self.cols[a:b], self.ratings[a:b]

    def block(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        r0, r1 = max(0, r0), min(self.n_users, r1)
        c0, c1 = max(0, c0), min(self.n_items, c1)
        out = np.full((max(0, r1 - r0), max(0, c1 - c0)), np.nan)
        for u in range(r0, r1):
            cols, vals = self.row(u)
            a, b = np.searchsorted(cols, (c0, c1))
            out[u - r0, cols[a:b] - c0] = vals[a:b]
        return out

    def copy(self) -> SparseRatingMatrix:
        return SparseRatingMatrix(list(self.users), list(self.items), self.rows.copy(), self.cols.copy(),
                                  self.ratings.copy(), self.scale, self.corner, dict(self.source), ordered=True)

    def masked(self, keep: np.ndarray) -> SparseRatingMatrix:
        rows, cols, vals = self.known_cells(keep)
        return SparseRatingMatrix(list(self.users), list(self.items), rows, cols, vals, self.scale, self.corner,
                                  dict(self.source), ordered=True)


def from_cells(
    users: list[str],
    items: list[str],
    rows: np.ndarray,
    cols: np.ndarray,
    ratings: np.ndarray,
    scale: tuple[float, float] = DEFAULT_SCALE,
    corner: str = "",
    source: dict | None = None,
    *,
    dense: bool | None = None,
    ordered: bool = False,
) -> RatingMatrix:
    """A matrix from its known cells: dense up to :data:`MAX_CELLS` users × items, sparse above
    (``dense`` forces one or the other); ``ordered``: the cells are already sorted by (row, column)."""
    if dense is None:
        dense = len(users) * len(items) <= MAX_CELLS
    if not dense:
        return SparseRatingMatrix(users, items, rows, cols, ratings, scale, corner, source, ordered=ordered)
    values = np.full((len(users), len(items)), np.nan)
    values[np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)] = ratings
    return RatingMatrix(users, items, values, scale, corner, dict(source or {}))
