"""The grid's cells of a table too large to hold as a grid (a ``SparseRatingMatrix``), read lazily.

MovieLens-25M is 162,541 users × 59,047 items: 9.6 billion cells, of which 25
million are ratings. The grid's model reports the real row and column counts;
Qt asks only for the cells it paints, and :class:`LazyCells` answers them from
small blocks (``BLOCK_ROWS`` × ``BLOCK_COLS``) it reads on first use and keeps in
a bounded least-recently-used cache:

* ratings from the engine's ``matrix.block(r0, r1, c0, c1)`` (NaN = missing);
* predictions, once a model is trained, from the model's ``predict_rows(rows, cols)``
  for the same block — never the full matrix (``predict_matrix`` refuses it).

A screen of 40 rows × 20 columns touches one to four blocks; scrolling reads a
few new ones (well under a millisecond each for the ratings, about one for the
predictions). Nothing here is a grid-sized array.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict

import numpy as np

log = logging.getLogger(__name__)

BLOCK_ROWS = 64
BLOCK_COLS = 32
#: Blocks kept per kind (ratings, predictions): 2 × 256 × 64 × 32 × 8 bytes = 8 MB at most.
MAX_BLOCKS = 256


class LazyCells:
    """Ratings and predictions of a sparse matrix, read block by block (see the module docstring)."""

    def __init__(self, matrix, max_blocks: int = MAX_BLOCKS) -> None:
        self.matrix = matrix
        self.max_blocks = int(max_blocks)
        self._ratings: OrderedDict[tuple[int, int], np.ndarray] = OrderedDict()
        self._predicted: OrderedDict[tuple[int, int], np.ndarray] = OrderedDict()
        self._predictor = None
        #: Blocks read so far (tests and benches: nothing is read that is not shown).
        self.blocks_read = 0
        self.blocks_predicted = 0

    # -- what the grid asks ----------------------------------------------------------
    def rating(self, r: int, c: int) -> float:
        return float(self._block(self._ratings, r, c, self._read_ratings)[r % BLOCK_ROWS, c % BLOCK_COLS])

    def prediction(self, r: int, c: int) -> float:
        if self._predictor is None:
            return math.nan
        return float(self._block(self._predicted, r, c, self._read_predictions)[r % BLOCK_ROWS, c % BLOCK_COLS])

    def ratings_block(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Rows r0:r1 × columns c0:c1 (copy, for the clipboard): the engine's block, not cached."""
        return self.matrix.block(r0, r1, c0, c1)

    # -- predictions -----------------------------------------------------------------
    @property
    def predictor(self):
        return self._predictor

    def set_predictor(self, model) -> None:
        """A trained model (``predict_rows``) whose predictions fill the missing cells; None: no predictions."""
        self._predictor = model
        self._predicted.clear()

    def clear(self) -> None:
        self._ratings.clear()
        self._predicted.clear()

    # -- blocks ----------------------------------------------------------------------
    def _block(self, cache: OrderedDict, r: int, c: int, read) -> np.ndarray:
        key = (r // BLOCK_ROWS, c // BLOCK_COLS)
        block = cache.get(key)
        if block is None:
            block = read(key[0] * BLOCK_ROWS, key[1] * BLOCK_COLS)
            cache[key] = block
            if len(cache) > self.max_blocks:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return block

    def _bounds(self, r0: int, c0: int) -> tuple[int, int, int, int]:
        n_users, n_items = self.matrix.shape
        return r0, min(r0 + BLOCK_ROWS, n_users), c0, min(c0 + BLOCK_COLS, n_items)

    def _padded(self, block: np.ndarray) -> np.ndarray:
        out = np.full((BLOCK_ROWS, BLOCK_COLS), np.nan)
        out[: block.shape[0], : block.shape[1]] = block
        return out

    def _read_ratings(self, r0: int, c0: int) -> np.ndarray:
        r0, r1, c0, c1 = self._bounds(r0, c0)
        self.blocks_read += 1
        return self._padded(self.matrix.block(r0, r1, c0, c1))

    def _read_predictions(self, r0: int, c0: int) -> np.ndarray:
        r0, r1, c0, c1 = self._bounds(r0, c0)
        self.blocks_predicted += 1
        try:
            block = np.asarray(self._predictor.predict_rows(np.arange(r0, r1), np.arange(c0, c1)), dtype=np.float64)
        except Exception:  # a model that cannot predict a block draws no predictions
            log.exception("predictions of a block of the grid")
            block = np.full((r1 - r0, c1 - c0), np.nan)
        return self._padded(block)


__all__ = ["BLOCK_COLS", "BLOCK_ROWS", "LazyCells"]
