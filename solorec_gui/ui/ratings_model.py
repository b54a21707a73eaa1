"""The grid's table model: a QAbstractTableModel over the engine's ``RatingMatrix``.

Nothing is stored per cell: ``data()`` reads ``matrix.values[row, col]`` (and the
prediction array) on demand and returns brushes and fonts built once, so a
943 × 1682 MovieLens matrix costs no more than the 9 × 8 lecture table
(Orange3's ``distmatrixmodel.py`` does the same).

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
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand, QUndoStack

from ..core.data import RatingMatrix, format_rating, label_problem, normalize_label
from ..core.errors import InputError

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
ROWS, COLUMNS = 0, 1


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


class SetCellsCommand(QUndoCommand):
    """Set a group of cells (one edit, a Delete, a paste) as one undo step."""

    def __init__(
        self,
        model: RatingsModel,
        rows: np.ndarray,
        cols: np.ndarray,
        new: np.ndarray,
        text: str,
    ) -> None:
        super().__init__(text)
        self._model = model
        self._rows = np.asarray(rows, dtype=np.intp)
        self._cols = np.asarray(cols, dtype=np.intp)
        self._new = np.asarray(new, dtype=np.float64)
        self._old = model.matrix.values[self._rows, self._cols].copy()

    def redo(self) -> None:
        self._model.write_cells(self._rows, self._cols, self._new)

    def undo(self) -> None:
        self._model.write_cells(self._rows, self._cols, self._old)


class InsertLinesCommand(QUndoCommand):
    """Insert rows (users) or columns (items) as one undo step; undo removes them again."""

    def __init__(self, model: RatingsModel, axis: int, position: int, labels: list[str],
                 values: np.ndarray | None, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._axis = axis
        self._positions = np.arange(position, position + len(labels))
        self._payload = model._new_lines(axis, labels, values)

    def redo(self) -> None:
        self._model._insert_lines(self._axis, self._positions, self._payload)

    def undo(self) -> None:
        self._payload = self._model._remove_lines(self._axis, self._positions)


class RemoveLinesCommand(QUndoCommand):
    """Remove rows or columns (their ratings, labels and predictions kept here for undo)."""

    def __init__(self, model: RatingsModel, axis: int, indices: Sequence[int], text: str) -> None:
        super().__init__(text)
        self._model = model
        self._axis = axis
        self._positions = np.unique(np.asarray(indices, dtype=np.intp))
        self._payload: dict | None = None

    def redo(self) -> None:
        self._payload = self._model._remove_lines(self._axis, self._positions)

    def undo(self) -> None:
        self._model._insert_lines(self._axis, self._positions, self._payload)


class RenameLineCommand(QUndoCommand):
    """Rename a user or an item."""

    def __init__(self, model: RatingsModel, axis: int, index: int, label: str, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._axis = axis
        self._index = index
        self._new = label
        self._old = model.labels(axis)[index]

    def redo(self) -> None:
        self._model._set_label(self._axis, self._index, self._new)

    def undo(self) -> None:
        self._model._set_label(self._axis, self._index, self._old)


class ReplaceTableCommand(QUndoCommand):
    """Replace the whole table (labels, ratings) as one undo step: restoring a recovery file's edits."""

    def __init__(self, model: RatingsModel, users: list[str], items: list[str], values: np.ndarray, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._new = (list(users), list(items), np.array(values, dtype=np.float64))
        m = model.matrix
        self._old = (list(m.users), list(m.items), m.values.copy())

    def redo(self) -> None:
        self._model._replace_table(*self._new)

    def undo(self) -> None:
        self._model._replace_table(*self._old)


class RatingsModel(QAbstractTableModel):
    """Ratings, with optional predictions for the missing cells."""

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
        self._values = matrix.values
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
        n_rows, n_cols = self._values.shape
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
            self._values = matrix.values
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

    def set_undo_stack(self, stack: QUndoStack | None) -> None:
        self._undo = stack

    def set_predictions(self, predictions: np.ndarray | None, note: str = "", stale: bool = False) -> None:
        """Show ``predictions`` (NaN only where a row or column added after training has none yet)."""
        if predictions is not None:
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
            if a.shape != self._values.shape:
                raise ValueError(f"shading of shape {a.shape} for a {self._values.shape} matrix")
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
        if self._predictions is None:
            return self._values.copy()
        return np.where(np.isnan(self._values), self._predictions, self._values)

    def _all_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._values.shape[0]

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._values.shape[1]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Missing cells are editable too: typing there adds a rating.
        if self._read_only:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        v = float(self._values[r, c])
        known = v == v
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

    # -- bulk changes ------------------------------------------------------------
    def set_cells(self, rows: Sequence[int], cols: Sequence[int], values: Sequence[float], text: str) -> None:
        """Change cells as one undoable step (direct write without an undo stack).

        Raises :class:`InputError` when the document is read-only."""
        if self._read_only:
            raise InputError(self.tr("the file is open read-only (another window owns it); "
                                     "Save As makes it yours"))
        rows_a = np.asarray(rows, dtype=np.intp)
        cols_a = np.asarray(cols, dtype=np.intp)
        vals_a = np.asarray(values, dtype=np.float64)
        if rows_a.size == 0:
            return
        old = self._values[rows_a, cols_a]
        if np.array_equal(old, vals_a, equal_nan=True):
            return
        command = SetCellsCommand(self, rows_a, cols_a, vals_a, text)
        if self._undo is not None:
            self._undo.push(command)
        else:
            command.redo()

    # -- rows and columns: add, remove, rename (each one undo step) -------------------------------
    def labels(self, axis: int) -> list[str]:
        return self._matrix.users if axis == ROWS else self._matrix.items

    def default_labels(self, axis: int, count: int) -> list[str]:
        """``user 10``, ``item 9``…: the next free numbers, never a label the table has."""
        taken = set(self.labels(axis))
        pattern = (QCoreApplication.translate("RatingsModel", "user {0}") if axis == ROWS
                   else QCoreApplication.translate("RatingsModel", "item {0}"))
        out, n = [], len(self.labels(axis)) + 1
        while len(out) < count:
            label = pattern.format(n)
            if label not in taken:
                out.append(label)
                taken.add(label)
            n += 1
        return out

    def check_label(self, axis: int, label: str, index: int | None = None) -> str:
        """The label as stored, or InputError saying why it cannot be used (empty, a duplicate…)."""
        label = normalize_label(str(label))
        problem = label_problem(label)
        if problem is not None:
            raise InputError(problem)
        for k, other in enumerate(self.labels(axis)):
            if other == label and k != index:
                what = (QCoreApplication.translate("RatingsModel", "another user is already called {0!r}")
                        if axis == ROWS else
                        QCoreApplication.translate("RatingsModel", "another item is already called {0!r}"))
                raise InputError(what.format(label))
        return label

    def _check_writable(self) -> None:
        if self._read_only:
            raise InputError(self.tr("the file is open read-only (another window owns it); Save As makes it yours"))

    def insert_lines(self, axis: int, position: int, count: int = 1, labels: Sequence[str] | None = None,
                     values: np.ndarray | None = None) -> list[str]:
        """Add ``count`` users (``ROWS``) or items (``COLUMNS``) before ``position`` (empty cells unless
        ``values``), as one undo step. Returns their labels; InputError (nothing changed) on a bad label."""
        self._check_writable()
        n = self._values.shape[axis]
        position = min(max(int(position), 0), n)
        if labels is None:
            labels = self.default_labels(axis, count)
        labels = list(labels)
        checked: list[str] = []
        for label in labels:
            label = self.check_label(axis, label)
            if label in checked:
                raise InputError(QCoreApplication.translate("RatingsModel", "the label {0!r} is given twice").format(label))
            checked.append(label)
        if not checked:
            return []
        k = len(checked)
        if axis == ROWS:
            text = self.tr("Add {0} user(s)").format(k) if k > 1 else self.tr("Add user {0}").format(checked[0])
        else:
            text = self.tr("Add {0} item(s)").format(k) if k > 1 else self.tr("Add item {0}").format(checked[0])
        self._push(InsertLinesCommand(self, axis, position, checked, values, text))
        return checked

    def remove_lines(self, axis: int, indices: Sequence[int]) -> int:
        """Remove users or items (their ratings and predictions come back with undo). InputError when
        that would leave no user or no item. Returns how many were removed."""
        self._check_writable()
        idx = np.unique(np.asarray(list(indices), dtype=np.intp))
        n = self._values.shape[axis]
        idx = idx[(idx >= 0) & (idx < n)]
        if not len(idx):
            return 0
        if len(idx) >= n:
            raise InputError(
                QCoreApplication.translate("RatingsModel", "a table needs at least one user; nothing was removed")
                if axis == ROWS else
                QCoreApplication.translate("RatingsModel", "a table needs at least one item; nothing was removed"))
        k = len(idx)
        names = self.labels(axis)
        if axis == ROWS:
            text = self.tr("Remove {0} users").format(k) if k > 1 else self.tr("Remove user {0}").format(names[idx[0]])
        else:
            text = self.tr("Remove {0} items").format(k) if k > 1 else self.tr("Remove item {0}").format(names[idx[0]])
        self._push(RemoveLinesCommand(self, axis, idx, text))
        return k

    def rename_line(self, axis: int, index: int, label: str) -> bool:
        """Rename a user or item (one undo step). InputError (nothing changed) for an empty or taken label."""
        self._check_writable()
        label = self.check_label(axis, label, index)
        old = self.labels(axis)[index]
        if label == old:
            return False
        self._push(RenameLineCommand(self, axis, index, label,
                                     self.tr("Rename {old} to {new}").format(old=old, new=label)))
        return True

    def _push(self, command: QUndoCommand) -> None:
        if self._undo is not None:
            self._undo.push(command)
        else:
            command.redo()

    def _new_lines(self, axis: int, labels: list[str], values: np.ndarray | None) -> dict:
        k = len(labels)
        other = self._values.shape[1 - axis]
        shape = (k, other) if axis == ROWS else (other, k)
        block = np.full(shape, np.nan)
        if values is not None:
            block[...] = values
        ids = np.arange(self._next_id, self._next_id + k, dtype=np.int64)
        self._next_id += k
        return {
            "labels": list(labels), "values": block, "ids": ids,
            "origin": np.full(k, -1, dtype=np.int64), "state": np.zeros(k, dtype=np.int8),
            "pending": np.zeros(k, dtype=bool), "titles": [None] * k,
            "own": None if self._own is None else np.full(shape, np.nan),
            "grids": {name: np.full(shape, np.nan) for name in self._grids},
        }

    def _structure_begins(self) -> None:
        # An overlay (a comparison's predictions) and shading belong to the table they were made for.
        self._shade = None
        if self._predictions is not self._own:
            self._predictions = self._own

    def _structure_ends(self) -> None:
        self._predictions = self._own
        self.structureChanged.emit()
        self.ratingsChanged.emit()
        self.predictionsChanged.emit()

    def _insert_lines(self, axis: int, positions: np.ndarray, payload: dict) -> None:
        """Put lines back (or in) at ``positions`` (ascending indices they have afterwards)."""
        self._structure_begins()
        positions = np.asarray(positions, dtype=np.intp)
        k = len(positions)
        at = positions - np.arange(k)  # np.insert's positions are in the array before insertion
        contiguous = bool(k) and positions[-1] - positions[0] == k - 1
        if contiguous:
            first, last = int(positions[0]), int(positions[-1])
            if axis == ROWS:
                self.beginInsertRows(QModelIndex(), first, last)
            else:
                self.beginInsertColumns(QModelIndex(), first, last)
        else:
            self.beginResetModel()
        try:
            values = np.insert(self._values, at, payload["values"], axis=axis)
            labels = self.labels(axis)
            for pos, label in zip(positions.tolist(), payload["labels"]):
                labels.insert(pos, label)
            if axis == COLUMNS and self._item_titles is not None:
                for pos, title in zip(positions.tolist(), payload["titles"]):
                    self._item_titles.insert(pos, title)
            self._matrix.values = self._values = values
            self._ids[axis] = np.insert(self._ids[axis], at, payload["ids"])
            self._origin[axis] = np.insert(self._origin[axis], at, payload["origin"])
            self._state[axis] = np.insert(self._state[axis], at, payload["state"])
            self._pending[axis] = np.insert(self._pending[axis], at, payload["pending"])
            if self._own is not None:
                own = payload["own"]
                if own is None:
                    own = np.full(payload["values"].shape, np.nan)
                self._own = np.insert(self._own, at, own, axis=axis)
            for name in list(self._grids):
                block = payload["grids"].get(name)
                if block is None:
                    block = np.full(payload["values"].shape, np.nan)
                self._grids[name] = np.insert(self._grids[name], at, block, axis=axis)
            self._predictions = self._own
        finally:
            if contiguous:
                self.endInsertRows() if axis == ROWS else self.endInsertColumns()
            else:
                self.endResetModel()
        self._structure_ends()

    def _remove_lines(self, axis: int, positions: np.ndarray) -> dict:
        """Take lines out; returns everything needed to put them back."""
        self._structure_begins()
        positions = np.asarray(positions, dtype=np.intp)
        k = len(positions)
        take = (lambda a: a[positions, :]) if axis == ROWS else (lambda a: a[:, positions])
        labels = self.labels(axis)
        payload = {
            "labels": [labels[p] for p in positions.tolist()], "values": take(self._values).copy(),
            "ids": self._ids[axis][positions].copy(), "origin": self._origin[axis][positions].copy(),
            "state": self._state[axis][positions].copy(), "pending": self._pending[axis][positions].copy(),
            "titles": ([self._item_titles[p] for p in positions.tolist()]
                       if axis == COLUMNS and self._item_titles is not None else [None] * k),
            "own": None if self._own is None else take(self._own).copy(),
            "grids": {name: take(grid).copy() for name, grid in self._grids.items()},
        }
        contiguous = bool(k) and positions[-1] - positions[0] == k - 1
        if contiguous:
            first, last = int(positions[0]), int(positions[-1])
            if axis == ROWS:
                self.beginRemoveRows(QModelIndex(), first, last)
            else:
                self.beginRemoveColumns(QModelIndex(), first, last)
        else:
            self.beginResetModel()
        try:
            self._matrix.values = self._values = np.delete(self._values, positions, axis=axis)
            for p in sorted(positions.tolist(), reverse=True):
                del labels[p]
                if axis == COLUMNS and self._item_titles is not None:
                    del self._item_titles[p]
            for attr in (self._ids, self._origin, self._state, self._pending):
                attr[axis] = np.delete(attr[axis], positions)
            if self._own is not None:
                self._own = np.delete(self._own, positions, axis=axis)
            for name in list(self._grids):
                self._grids[name] = np.delete(self._grids[name], positions, axis=axis)
            self._predictions = self._own
        finally:
            if contiguous:
                self.endRemoveRows() if axis == ROWS else self.endRemoveColumns()
            else:
                self.endResetModel()
        self._structure_ends()
        return payload

    def replace_table(self, users: Sequence[str], items: Sequence[str], values: np.ndarray, text: str) -> None:
        """Replace labels and ratings as one undo step (the scale stays). Predictions made for the old
        table are dropped from the grid: the rows and columns are not the ones they were made for."""
        self._check_writable()
        values = np.asarray(values, dtype=np.float64)
        if values.shape != (len(users), len(items)) or not len(users) or not len(items):
            raise InputError(f"a table of {len(users)} users × {len(items)} items cannot hold {values.shape} ratings")
        self._push(ReplaceTableCommand(self, list(users), list(items), values, text))

    def _replace_table(self, users: list[str], items: list[str], values: np.ndarray) -> None:
        self.beginResetModel()
        try:
            self._matrix.users[:] = users
            self._matrix.items[:] = items
            self._matrix.values = self._values = values.copy()
            self._item_titles = None
            self._predictions = self._own = None
            self._grids = {}
            self._shade = None
            self._reset_lines()
        finally:
            self.endResetModel()
        self.structureChanged.emit()
        self.ratingsChanged.emit()
        self.predictionsChanged.emit()

    def _set_label(self, axis: int, index: int, label: str) -> None:
        self.labels(axis)[index] = label
        orientation = Qt.Orientation.Vertical if axis == ROWS else Qt.Orientation.Horizontal
        self.headerDataChanged.emit(orientation, index, index)
        self.structureChanged.emit()

    def write_cells(self, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> None:
        """Write values (called by undo commands) and tell the views."""
        self._values[rows, cols] = values
        self.dataChanged.emit(
            self.index(int(rows.min()), int(cols.min())),
            self.index(int(rows.max()), int(cols.max())),
        )
        self.ratingsChanged.emit()

    def clear_cells(self, cells: Sequence[tuple[int, int]]) -> int:
        """Make cells missing (the Delete key). Returns how many ratings were removed."""
        known = [(r, c) for r, c in cells if not math.isnan(self._values[r, c])]
        if known:
            rows, cols = zip(*known)
            n = len(known)
            self.set_cells(rows, cols, [math.nan] * n, f"Delete {n} rating{'s' if n > 1 else ''}")
        return len(known)

    def copy_text(self, top: int, left: int, bottom: int, right: int) -> str:
        """Tab-separated ratings of a block (missing cells empty), as spreadsheets paste."""
        lines = []
        for r in range(top, bottom + 1):
            row = self._values[r, left : right + 1]
            lines.append("\t".join("" if math.isnan(v) else format_rating(v) for v in row))
        return "\n".join(lines) + "\n"

    def paste_text(self, text: str, top: int, left: int, fill_rows: int = 1, fill_cols: int = 1) -> str:
        """Paste a tab-separated block at (top, left) as one undo step.

        A single value pasted onto a larger selection (``fill_rows`` ×
        ``fill_cols``) fills it, as in a spreadsheet. Every cell is validated
        before anything changes: one bad cell refuses the whole paste with a
        reason (:class:`InputError`). Returns a status message.
        """
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.removesuffix("\n")
        if not text.strip():
            raise InputError("the clipboard holds no text to paste")
        block = [line.split("\t") for line in text.split("\n")]
        if len(block) == 1 and len(block[0]) == 1 and (fill_rows > 1 or fill_cols > 1):
            block = [[block[0][0]] * fill_cols for _ in range(fill_rows)]
        n_rows, n_cols = self._values.shape
        extra_rows = max(0, top + len(block) - n_rows)
        extra_cols = max(0, left + max(len(line) for line in block) - n_cols)
        if (extra_rows or extra_cols) and self.grow_handler is not None and not self._read_only:
            for dr, line in enumerate(block):  # every cell is checked before the table grows
                for dc, cell in enumerate(line):
                    self._matrix.parse_rating(cell, f"pasted row {dr + 1}, column {dc + 1}")
            if self.grow_handler(extra_rows, extra_cols):
                n = sum(len(line) for line in block)
                if self._undo is not None:
                    self._undo.beginMacro(self.tr("Paste {0} cells, adding rows or columns").format(n))
                try:
                    if extra_rows:
                        self.insert_lines(ROWS, n_rows, extra_rows)
                    if extra_cols:
                        self.insert_lines(COLUMNS, n_cols, extra_cols)
                    message = self.paste_text(text, top, left)
                finally:
                    if self._undo is not None:
                        self._undo.endMacro()
                added = []
                if extra_rows:
                    added.append(self.tr("{0} user(s)").format(extra_rows))
                if extra_cols:
                    added.append(self.tr("{0} item(s)").format(extra_cols))
                return message + "; " + self.tr("added {0}").format(", ".join(added))
        rows, cols, values = [], [], []
        clipped = False
        for dr, line in enumerate(block):
            r = top + dr
            if r >= n_rows:
                clipped = True
                break
            for dc, cell in enumerate(line):
                c = left + dc
                if c >= n_cols:
                    clipped = clipped or bool(cell.strip())
                    break
                where = f"pasted row {dr + 1}, column {dc + 1} ({self._matrix.users[r]} × {self._matrix.items[c]})"
                values.append(self._matrix.parse_rating(cell, where))
                rows.append(r)
                cols.append(c)
        n = len(values)
        self.set_cells(rows, cols, values, f"Paste {n} cell{'s' if n != 1 else ''}")
        message = self.tr("Pasted {0} cells").format(n) if n != 1 else self.tr("Pasted 1 cell")
        if clipped:
            message += self.tr("; the part outside the grid was left out")
        return message
