"""The grid's table model: a QAbstractTableModel over the engine's ``RatingMatrix``.

Nothing is stored per cell: ``data()`` reads ``matrix.values[row, col]`` (and the
prediction array) on demand and returns brushes and fonts built once, so a
943 × 1682 MovieLens matrix costs no more than the 9 × 8 lecture table
(Orange3's ``distmatrixmodel.py`` does the same). A table too large for a grid
(a ``SparseRatingMatrix``, MovieLens-25M: 9.6 billion cells) is read through
:class:`~.sparse_cells.LazyCells` instead — the blocks shown, ratings from
``matrix.block`` and predictions from the trained model's ``predict_rows`` — and
is read-only.

The module is in three parts: this table model (cells, predictions and each row's
and column's provenance), :mod:`.ratings_edits` (cell and structural edits, each one
undo step) and :mod:`.sparse_cells` (the lazy cells of a sparse table).

Edits go through :meth:`RatingsModel.setData`, which parses with the engine's
``RatingMatrix.parse_rating`` (the file reader's own rules: numbers on the
scale, "" or "-" for missing). A refusal returns False and emits
``editRejected(reason)``; the window shows it in the status bar. The model never
opens a dialog. Every accepted change, including Delete and paste, is one
:class:`SetCellsCommand` on the QUndoStack, so undo/redo cover all of them.

Predictions live beside the ratings, never in them: a missing cell with a
prediction is drawn italic, in another colour and on another background, with
a tooltip naming the model and the time it was trained. ``stale`` marks
predictions made from ratings that have changed since.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from ..core.data import RatingMatrix, cells_text, format_rating
from ..core.errors import InputError
from .ratings_edits import (
    COLUMNS,
    ROWS,
    InsertLinesCommand,
    RemoveLinesCommand,
    RenameLineCommand,
    ReplaceTableCommand,
    SetCellsCommand,
    TableEditing,
)
from .sparse_cells import LazyCells

Index = QModelIndex | QPersistentModelIndex

_MISSING_BG = QColor("#e9e9ee")
_PREDICTED_BG = QColor("#e8f0fc")
_PREDICTED_FG = QColor("#1d55b3")
_STALE_BG = QColor("#fbf0e1")
_STALE_FG = QColor("#9a5b00")
_REFRESHING_BG = QColor("#eceff4")
_REFRESHING_FG = QColor("#7a8699")
_HEAT_STEPS = 32

#: Where a row's (or a column's) predictions come from (``row_state``/``col_state``).
TRAINED, FOLDED, REFRESHED = 0, 1, 2


def _heat_colors() -> list[QBrush]:
    """White → green ramp for the optional heat map of ratings."""
    low, high = QColor("#ffffff"), QColor("#4caf50")
    out = []
    for k in range(_HEAT_STEPS):
        t = k / (_HEAT_STEPS - 1)
        out.append(
            QBrush(
                QColor(
                    round(low.red() + (high.red() - low.red()) * t),
                    round(low.green() + (high.green() - low.green()) * t),
                    round(low.blue() + (high.blue() - low.blue()) * t),
                )
            )
        )
    return out


def display_rating(value: float) -> str:
    """A known rating as shown in the grid: at least 2 decimals, like the predictions beside it
    (3.50, 4.00, 4.02), more when the value has them (3.125); the editor shows the exact value."""
    text = format_rating(value)
    if len(text) > 8:
        return f"{value:.4g}"
    decimals = len(text.partition(".")[2]) if "e" not in text else 0
    return f"{value:.{max(decimals, 2)}f}" if "e" not in text else text


class RatingsModel(QAbstractTableModel, TableEditing):
    """Ratings, with optional predictions for the missing cells (editing: :class:`~.ratings_edits.TableEditing`).

    A sparse matrix (``matrix.is_dense`` False: MovieLens-25M size) is shown through
    :class:`~.sparse_cells.LazyCells` — the real row and column counts, cells read block
    by block, predictions from the trained model (:meth:`set_predictor`) for the blocks
    shown — and is read-only: :meth:`size_refusal` says why.
    """

    #: A refused edit or paste; the argument says why (for the status bar).
    editRejected = Signal(str)
    #: Ratings changed (edit, paste, delete, undo or redo).
    ratingsChanged = Signal()
    #: Predictions were set, cleared or marked stale.
    predictionsChanged = Signal()
    #: Rows or columns were added, removed or renamed (and undone/redone).
    structureChanged = Signal()

    def __init__(self, matrix: RatingMatrix, undo_stack: QUndoStack | None = None, parent=None) -> None:
        super().__init__(parent)
        self._matrix = matrix
        self._values = matrix.values if matrix.is_dense else None
        self._cells = None if matrix.is_dense else LazyCells(matrix)
        self._undo = undo_stack
        self._predictions: np.ndarray | None = None
        self._prediction_note = ""
        self._stale = False
        self._heatmap = False
        self._item_titles: list[str | None] | None = None
        self._heat = _heat_colors()
        self._missing_bg = QBrush(_MISSING_BG)
        self._predicted_bg = QBrush(_PREDICTED_BG)
        self._predicted_fg = QBrush(_PREDICTED_FG)
        self._stale_bg = QBrush(_STALE_BG)
        self._stale_fg = QBrush(_STALE_FG)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._align = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Optional overlays for later panels (ensemble spread, model differences):
        # a per-cell shade level 0..N-1 (-1 = none) over predicted cells, and extra tooltip text.
        self._shade: np.ndarray | None = None
        self._shade_brushes: list[QBrush] = []
        self._tooltip_extra = None
        self._read_only = False
        self._warning: str | None = None
        self._refreshing_bg = QBrush(_REFRESHING_BG)
        self._refreshing_fg = QBrush(_REFRESHING_FG)
        #: The document's own predictions (aligned with the matrix; NaN = none yet). ``_predictions`` is
        #: what the grid shows: these, or another model's for a while (an overlay).
        self._own: np.ndarray | None = None
        #: Extra arrays aligned with the matrix that follow every structural edit (the ratings the
        #: predictions reflect, an ensemble's spread…): name -> users × items array (NaN for new cells).
        self._grids: dict[str, np.ndarray] = {}
        #: Asked before a paste past the last row or column grows the table: ``(rows, cols) -> bool``.
        self.grow_handler = None
        self._reset_lines()

    def _reset_lines(self) -> None:
        n_rows, n_cols = self._shape()
        self._next_id = n_rows + n_cols
        #: Each row's and column's identity (survives inserts and removals of others).
        self._ids = [np.arange(n_rows, dtype=np.int64), np.arange(n_rows, n_rows + n_cols, dtype=np.int64)]
        #: Each row's (column's) index in the trained model; -1 = added after training.
        self._origin = [np.arange(n_rows, dtype=np.int64), np.arange(n_cols, dtype=np.int64)]
        #: TRAINED, FOLDED (a newcomer folded into the model) or REFRESHED (re-fitted after an edit).
        self._state = [np.zeros(n_rows, dtype=np.int8), np.zeros(n_cols, dtype=np.int8)]
        #: Waiting for a background refresh.
        self._pending = [np.zeros(n_rows, dtype=bool), np.zeros(n_cols, dtype=bool)]
        self._refresh_note = ""

    # -- state -------------------------------------------------------------------
    @property
    def matrix(self) -> RatingMatrix:
        return self._matrix

    @property
    def predictions(self) -> np.ndarray | None:
        return self._predictions

    @property
    def stale(self) -> bool:
        return self._stale

    @property
    def prediction_note(self) -> str:
        return self._prediction_note

    def set_matrix(self, matrix: RatingMatrix) -> None:
        self.beginResetModel()
        try:
            self._matrix = matrix
            self._values = matrix.values if matrix.is_dense else None
            self._cells = None if matrix.is_dense else LazyCells(matrix)
            self._predictions = None
            self._prediction_note = ""
            self._stale = False
            self._shade = None
            self._tooltip_extra = None
            self._item_titles = None
            self._warning = None
            self._own = None
            self._grids = {}
            self._reset_lines()
        finally:
            self.endResetModel()
        self.predictionsChanged.emit()

    # -- a table too large for a grid (sparse) --------------------------------------------------
    @property
    def is_sparse(self) -> bool:
        """The table is a sparse matrix: cells are read lazily, predictions come from a model, no edits."""
        return self._cells is not None

    @property
    def cells(self) -> LazyCells | None:
        return self._cells

    def _shape(self) -> tuple[int, int]:
        if self._values is not None:
            return self._values.shape
        return len(self._matrix.users), len(self._matrix.items)

    def size_refusal(self) -> str:
        """Why a sparse table cannot be edited (for the status bar and tooltips); "" for a dense one."""
        if self._cells is None:
            return ""
        n_users, n_items = self._shape()
        return self.tr("this table has {u} users × {i} items ({cells}): at this size the grid is read-only; "
                       "edit the file itself, or open a smaller sample").format(
            u=f"{n_users:,}", i=f"{n_items:,}", cells=cells_text(n_users * n_items))

    @property
    def has_predictions(self) -> bool:
        """Predictions are shown: an array (dense) or a trained model asked block by block (sparse)."""
        if self._cells is not None:
            return self._cells.predictor is not None
        return self._predictions is not None

    def set_predictor(self, model, note: str = "") -> None:
        """A sparse table's predictions: ``model.predict_rows`` for the blocks shown (None: no predictions)."""
        if self._cells is None:
            raise ValueError("set_predictor is for a sparse table; a dense one gets set_own_predictions")
        self._cells.set_predictor(model)
        self._warning = None
        self._prediction_note = note if model is not None else ""
        self._stale = False
        self._all_changed()
        self.predictionsChanged.emit()

    def set_undo_stack(self, stack: QUndoStack | None) -> None:
        self._undo = stack

    def set_predictions(self, predictions: np.ndarray | None, note: str = "", stale: bool = False) -> None:
        """Show ``predictions`` (NaN only where a row or column added after training has none yet)."""
        if predictions is not None:
            if self._values is None:
                raise ValueError("a sparse table's predictions come from a model (set_predictor), not an array")
            predictions = np.asarray(predictions, dtype=np.float64)
            if predictions.shape != self._values.shape:
                raise ValueError(f"predictions of shape {predictions.shape} for a {self._values.shape} matrix")
            if np.isinf(predictions).any():
                raise ValueError("predictions must be finite")
        self._predictions = predictions
        self._warning = None  # a warning belongs to the predictions it was made for
        self._shade = None  # overlays belong to the predictions they were made for
        self._tooltip_extra = None
        self._prediction_note = note if predictions is not None else ""
        self._stale = bool(stale) and predictions is not None
        self._all_changed()
        self.predictionsChanged.emit()

    # -- the document's own predictions and where each row's come from ----------------------------
    @property
    def own_predictions(self) -> np.ndarray | None:
        """The document's predictions, aligned with the matrix (NaN: none yet), whatever is shown."""
        return self._own

    def set_own_predictions(self, predictions: np.ndarray | None, note: str = "", *, stale: bool = False,
                            basis: np.ndarray | None = None, grids: dict[str, np.ndarray | None] | None = None) -> None:
        """A new outcome: show its predictions as the document's own. ``basis``: the ratings they were made
        from (the current ones when None); every row and column counts as trained by the model."""
        self._reset_lines()
        self._grids = {}
        if predictions is not None:
            predictions = np.asarray(predictions, dtype=np.float64)
            self._grids["basis"] = np.array(self._values if basis is None else basis, dtype=np.float64, copy=True)
            self._grids["trained"] = predictions.copy()
            self._grids["trained_on"] = self._grids["basis"].copy()
            for name, grid in (grids or {}).items():
                if grid is not None:
                    self._grids[name] = np.asarray(grid, dtype=np.float64)
        self.set_predictions(predictions, note, stale)
        self._own = self._predictions

    def show_own(self, note: str, stale: bool | None = None) -> None:
        """Back from an overlay to the document's own predictions."""
        self.set_predictions(self._own, note, self._stale if stale is None else stale)
        self._own = self._predictions

    @property
    def overlay_shown(self) -> bool:
        return self._predictions is not self._own

    def grid(self, name: str) -> np.ndarray | None:
        """An array aligned with the matrix (``basis``, ``trained``, ``trained_on``, ``spread``…)."""
        return self._grids.get(name)

    def line_ids(self, axis: int) -> np.ndarray:
        return self._ids[axis]

    def origin(self, axis: int) -> np.ndarray:
        """Each row's (``ROWS``) or column's (``COLUMNS``) index in the trained model; -1 = added since."""
        return self._origin[axis]

    def line_state(self, axis: int) -> np.ndarray:
        return self._state[axis]

    def pending(self, axis: int) -> np.ndarray:
        return self._pending[axis]

    def set_pending(self, rows: np.ndarray, cols: np.ndarray) -> None:
        """Mark rows and columns as being refreshed in the background (the cells say so)."""
        rows = np.asarray(rows, dtype=bool)
        cols = np.asarray(cols, dtype=bool)
        if np.array_equal(rows, self._pending[0]) and np.array_equal(cols, self._pending[1]):
            return
        self._pending = [rows.copy(), cols.copy()]
        self._all_changed()
        self.predictionsChanged.emit()

    def apply_refresh(self, rows: np.ndarray, row_predictions: np.ndarray, row_states: np.ndarray,
                      cols: np.ndarray, col_predictions: np.ndarray, basis_rows: np.ndarray,
                      basis_cols: np.ndarray, note: str) -> None:
        """Write refreshed (folded-in) predictions into the document's own: whole ``rows`` and the new
        ``cols`` of every other row; ``basis_*`` are the ratings they reflect."""
        own = self._own
        if own is None:
            return
        basis = self._grids.setdefault("basis", self._values.copy())
        if len(cols):
            keep = ~np.isnan(col_predictions)
            block = own[:, cols]
            block[keep] = col_predictions[keep]
            own[:, cols] = block
            basis[:, cols] = basis_cols
            self._state[1][cols] = FOLDED
        if len(rows):
            own[rows, :] = row_predictions
            basis[rows, :] = basis_rows
            self._state[0][rows] = row_states
        self._refresh_note = note
        self._all_changed()
        self.predictionsChanged.emit()

    def restore_trained_rows(self, rows: np.ndarray) -> None:
        """Rows whose ratings are again those the model was trained on: its own predictions again."""
        trained, trained_on, basis = self._grids.get("trained"), self._grids.get("trained_on"), self._grids.get("basis")
        if self._own is None or trained is None or not len(rows):
            return
        self._own[rows, :] = trained[rows, :]
        basis[rows, :] = trained_on[rows, :]
        self._state[0][rows] = TRAINED
        self._all_changed()
        self.predictionsChanged.emit()

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, on: bool) -> None:
        """A document opened read-only: no cell can be edited, pasted or deleted."""
        self._read_only = bool(on)
        self._all_changed()

    def set_warning(self, text: str | None) -> None:
        """Predictions that are not trustworthy (worse than the mean): every tooltip says so."""
        self._warning = text or None
        self._all_changed()

    def set_stale(self, stale: bool) -> None:
        stale = bool(stale) and self._predictions is not None
        if stale != self._stale:
            self._stale = stale
            self._all_changed()
            self.predictionsChanged.emit()

    def set_shading(self, amount: np.ndarray | None, color: str = "#e07b00", steps: int = 8) -> None:
        """Shade predicted cells by ``amount`` in [0, 1] (NaN = no shade); None removes it.

        Brushes are built once here (``steps`` levels blended from the predicted
        background towards ``color``), so ``data()`` stays a lookup.
        """
        if amount is None:
            self._shade = None
        else:
            a = np.asarray(amount, dtype=np.float64)
            if self._values is None or a.shape != self._values.shape:
                raise ValueError(f"shading of shape {a.shape} for a {self._shape()} matrix")
            level = np.where(np.isfinite(a), np.rint(np.clip(a, 0, 1) * (steps - 1)), -1)
            self._shade = level.astype(np.int16)
            top = QColor(color)
            base = _PREDICTED_BG
            self._shade_brushes = []
            for k in range(steps):
                t = 0.65 * k / max(1, steps - 1)
                self._shade_brushes.append(
                    QBrush(
                        QColor(
                            round(base.red() + (top.red() - base.red()) * t),
                            round(base.green() + (top.green() - base.green()) * t),
                            round(base.blue() + (top.blue() - base.blue()) * t),
                        )
                    )
                )
        self._all_changed()

    def shade_level(self, row: int, col: int) -> int:
        """The shade level of a cell (-1 = none); for tests and legends."""
        return -1 if self._shade is None else int(self._shade[row, col])

    def set_tooltip_extra(self, extra) -> None:
        """``extra(row, col) -> str | None`` is appended to a predicted cell's tooltip; None removes it."""
        self._tooltip_extra = extra

    def set_heatmap(self, on: bool) -> None:
        self._heatmap = bool(on)
        self._all_changed()

    def completed(self) -> np.ndarray:
        """Known ratings, with predictions in missing cells (NaN where none)."""
        if self._values is None:
            raise self._matrix.refuse_dense("the completed table")
        if self._predictions is None:
            return self._values.copy()
        return np.where(np.isnan(self._values), self._predictions, self._values)

    def _all_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shape()[0]

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shape()[1]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Missing cells are editable too: typing there adds a rating.
        if self._read_only or self._cells is not None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if self._cells is not None:
            return self._lazy_data(r, c, role)
        v = float(self._values[r, c])
        known = not math.isnan(v)
        pred = self._predictions
        p = math.nan if pred is None else float(pred[r, c])
        predicted = not math.isnan(p)
        if role == Qt.ItemDataRole.DisplayRole:
            if known:
                return display_rating(v)
            if predicted:
                return f"{p:.2f}"
            return ""
        if role == Qt.ItemDataRole.EditRole:
            return format_rating(v) if known else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align
        if role == Qt.ItemDataRole.BackgroundRole:
            if known:
                if self._heatmap:
                    lo, hi = self._matrix.scale
                    k = int((v - lo) / (hi - lo) * (_HEAT_STEPS - 1) + 0.5)
                    return self._heat[min(max(k, 0), _HEAT_STEPS - 1)]
                return None
            if self._pending[0][r] or self._pending[1][c]:
                return self._refreshing_bg
            if not predicted:
                return self._missing_bg
            if self._stale:
                return self._stale_bg
            if self._shade is not None and self._shade[r, c] >= 0:
                return self._shade_brushes[self._shade[r, c]]
            return self._predicted_bg
        if role == Qt.ItemDataRole.ForegroundRole:
            if known or not predicted:
                return None
            if self._pending[0][r] or self._pending[1][c]:
                return self._refreshing_fg
            return self._stale_fg if self._stale else self._predicted_fg
        if role == Qt.ItemDataRole.FontRole:
            if not known and predicted:
                return self._italic
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{self._matrix.users[r]} × {self._matrix.items[c]}"
            pending = bool(self._pending[0][r] or self._pending[1][c])
            if known:
                return self.tr("{where}: rating {value}").format(where=where, value=display_rating(v))
            if pred is None:
                return self.tr("{0}: missing (train a model to predict it)").format(where)
            if not predicted:
                if pending:
                    return where + ": " + self.tr("being predicted by fold-in into the trained model…")
                return where + ": " + self.tr("added after training: no prediction yet (F5 trains on the whole table)")
            tip = self.tr("{where}: predicted {value}, not a rating").format(where=where, value=f"{p:.4f}")
            tip += f"\n{self._prediction_note}"
            folded = self._provenance(r, c) if not self.overlay_shown else ""
            if folded:
                tip += "\n" + folded
            if self._warning:
                tip += "\n" + self.tr("Not trustworthy: {0}").format(self._warning)
            if pending:
                tip += "\n" + self.tr("Refreshing: this row changed; new predictions are on their way")
            elif self._stale:
                tip += "\n" + self.tr("Stale: ratings changed since training (retrain with F5)")
            if self._tooltip_extra is not None and (folded or pending or self._origin[0][r] != r
                                                    or self._origin[1][c] != c):
                return tip  # the model's explanation is about the table it was trained on
            if self._tooltip_extra is not None:
                try:
                    extra = self._tooltip_extra(r, c)
                except Exception:  # an explanation must never break the grid
                    extra = None
                if extra:
                    tip += "\n" + extra
            return tip
        return None

    def _lazy_data(self, r: int, c: int, role: int):
        """A sparse table's cell: read from the cached blocks (ratings, then the model's predictions)."""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.BackgroundRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole):
            return None
        cells = self._cells
        v = cells.rating(r, c)
        known = not math.isnan(v)
        if role == Qt.ItemDataRole.EditRole:
            return format_rating(v) if known else ""
        if known:
            if role == Qt.ItemDataRole.DisplayRole:
                return display_rating(v)
            if role == Qt.ItemDataRole.BackgroundRole and self._heatmap:
                lo, hi = self._matrix.scale
                k = int((v - lo) / (hi - lo) * (_HEAT_STEPS - 1) + 0.5)
                return self._heat[min(max(k, 0), _HEAT_STEPS - 1)]
            if role == Qt.ItemDataRole.ToolTipRole:
                where = f"{self._matrix.users[r]} × {self._matrix.items[c]}"
                return self.tr("{where}: rating {value}").format(where=where, value=display_rating(v)) + \
                    "\n" + self.tr("Read-only: {0}").format(self.size_refusal())
            return None
        p = cells.prediction(r, c)
        predicted = not math.isnan(p)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{p:.2f}" if predicted else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._predicted_bg if predicted else self._missing_bg
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._predicted_fg if predicted else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if predicted else None
        where = f"{self._matrix.users[r]} × {self._matrix.items[c]}"
        if not predicted:
            tip = self.tr("{0}: missing (train a model to predict it)").format(where)
        else:
            tip = self.tr("{where}: predicted {value}, not a rating").format(where=where, value=f"{p:.4f}")
            tip += f"\n{self._prediction_note}"
            if self._warning:
                tip += "\n" + self.tr("Not trustworthy: {0}").format(self._warning)
        return tip + "\n" + self.tr("Read-only: {0}").format(self.size_refusal())

    def _provenance(self, r: int, c: int) -> str:
        """How a cell's prediction was made when not by the training itself (for the tooltip)."""
        row, col = int(self._state[0][r]), int(self._state[1][c])
        if row == FOLDED:
            text = self.tr("Folded in: this user was added (or had no rating) after training; only her own "
                           "parameters were fitted to her ratings, the rest of the model stays as trained")
        elif row == REFRESHED:
            text = self.tr("Refreshed after your edit: this user's parameters were re-fitted to her current "
                           "ratings (fold-in); the rest of the model stays as trained (F5 retrains everything)")
        elif col == FOLDED:
            text = self.tr("Folded in: this item was added after training; only its own parameters were "
                           "fitted to its ratings, the rest of the model stays as trained")
        else:
            return ""
        return text + (f" ({self._refresh_note})" if self._refresh_note else "")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        labels = self._matrix.items if orientation == Qt.Orientation.Horizontal else self._matrix.users
        if not 0 <= section < len(labels):
            return None
        titles = self._item_titles
        if titles is not None and orientation == Qt.Orientation.Horizontal and titles[section] is not None:
            if role == Qt.ItemDataRole.DisplayRole:
                return titles[section]
            return f"{titles[section]}\n" + self.tr("item id {0}").format(labels[section])
        return labels[section]

    # -- item names (titles shown as column headers; the ids stay the labels) -------
    @property
    def item_titles(self) -> list[str | None] | None:
        return self._item_titles

    def set_item_titles(self, titles: Sequence[str | None] | None) -> None:
        """Show ``titles[c]`` as column c's header (None = keep the id); ids move to the tooltip."""
        if titles is not None and len(titles) != self.columnCount():
            raise ValueError(f"{len(titles)} titles for {self.columnCount()} items")
        self._item_titles = list(titles) if titles is not None else None
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        r, c = index.row(), index.column()
        if self._cells is not None:
            self.editRejected.emit(self.tr("Edit refused, {0}; the old value stays").format(self.size_refusal()))
            return False
        where = f"{self._matrix.users[r]} × {self._matrix.items[c]}"
        try:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                new = self._matrix.check_rating(value, where) if not math.isnan(value) else math.nan
            else:
                new = self._matrix.parse_rating(str(value if value is not None else ""), where)
        except InputError as exc:
            self.editRejected.emit(self.tr("Edit refused, {0}; the old value stays").format(exc))
            return False
        old = float(self._values[r, c])
        if (math.isnan(old) and math.isnan(new)) or old == new:
            return True
        verb = "Clear" if math.isnan(new) else "Edit"
        try:
            self.set_cells([r], [c], [new], f"{verb} {where}")
        except InputError as exc:
            self.editRejected.emit(self.tr("Edit refused, {0}; the old value stays").format(exc))
            return False
        return True


__all__ = [
    "COLUMNS",
    "FOLDED",
    "REFRESHED",
    "ROWS",
    "TRAINED",
    "InsertLinesCommand",
    "RatingsModel",
    "RemoveLinesCommand",
    "RenameLineCommand",
    "ReplaceTableCommand",
    "SetCellsCommand",
    "display_rating",
]
