"""Rating matrices: the one data type of SoloRec.

A :class:`RatingMatrix` is user labels (rows), item labels (columns), a float
array with NaN for missing cells, and the rating scale. The readers
(:mod:`.read`) build one from a file, the writers (:mod:`.write`) save one.
:func:`cold_start_report` names the users and items without any known rating.
Nothing here imports Qt or torch.
"""

from __future__ import annotations

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
        lo, hi = self.scale
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise InputError(f"the rating scale {lo:g} to {hi:g} is not a valid range")
        self.scale = (float(lo), float(hi))

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
        known = self.known_mask if mask is None else (self.known_mask & mask)
        rows, cols = np.nonzero(known)
        return rows, cols, self.values[rows, cols]

    def copy(self) -> RatingMatrix:
        return RatingMatrix(
            list(self.users), list(self.items), self.values.copy(), self.scale, self.corner, dict(self.source)
        )

    def masked(self, keep: np.ndarray) -> RatingMatrix:
        """A copy in which only the known cells where ``keep`` is True remain."""
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
    known = matrix.known_mask if mask is None else (matrix.known_mask & mask)
    users = [u for u, row in zip(matrix.users, known.any(axis=1)) if not row]
    items = [i for i, col in zip(matrix.items, known.any(axis=0)) if not col]
    return ColdStart(users, items)
