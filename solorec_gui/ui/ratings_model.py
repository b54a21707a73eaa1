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
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand, QUndoStack

from ..core.data import RatingMatrix, format_rating
from ..core.errors import InputError

Index = QModelIndex | QPersistentModelIndex

_MISSING_BG = QColor("#e9e9ee")
_PREDICTED_BG = QColor("#e8f0fc")
_PREDICTED_FG = QColor("#1d55b3")
_STALE_BG = QColor("#fbf0e1")
_STALE_FG = QColor("#9a5b00")
_HEAT_STEPS = 32


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


class RatingsModel(QAbstractTableModel):
    """Ratings, with optional predictions for the missing cells."""

    #: A refused edit or paste; the argument says why (for the status bar).
    editRejected = Signal(str)
    #: Ratings changed (edit, paste, delete, undo or redo).
    ratingsChanged = Signal()
    #: Predictions were set, cleared or marked stale.
    predictionsChanged = Signal()

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
        finally:
            self.endResetModel()
        self.predictionsChanged.emit()

    def set_undo_stack(self, stack: QUndoStack | None) -> None:
        self._undo = stack

    def set_predictions(self, predictions: np.ndarray | None, note: str = "", stale: bool = False) -> None:
        if predictions is not None:
            predictions = np.asarray(predictions, dtype=np.float64)
            if predictions.shape != self._values.shape:
                raise ValueError(f"predictions of shape {predictions.shape} for a {self._values.shape} matrix")
            if not np.all(np.isfinite(predictions)):
                raise ValueError("predictions must be finite")
        self._predictions = predictions
        self._warning = None  # a warning belongs to the predictions it was made for
        self._shade = None  # overlays belong to the predictions they were made for
        self._tooltip_extra = None
        self._prediction_note = note if predictions is not None else ""
        self._stale = bool(stale) and predictions is not None
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
        if role == Qt.ItemDataRole.DisplayRole:
            if known:
                return display_rating(v)
            if self._predictions is not None:
                return f"{self._predictions[r, c]:.2f}"
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
            if self._predictions is None:
                return self._missing_bg
            if self._stale:
                return self._stale_bg
            if self._shade is not None and self._shade[r, c] >= 0:
                return self._shade_brushes[self._shade[r, c]]
            return self._predicted_bg
        if role == Qt.ItemDataRole.ForegroundRole:
            if known or self._predictions is None:
                return None
            return self._stale_fg if self._stale else self._predicted_fg
        if role == Qt.ItemDataRole.FontRole:
            if not known and self._predictions is not None:
                return self._italic
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{self._matrix.users[r]} × {self._matrix.items[c]}"
            if known:
                return f"{where}: rating {display_rating(v)}"
            if self._predictions is None:
                return f"{where}: missing (train a model to predict it)"
            tip = f"{where}: predicted {self._predictions[r, c]:.4f}, not a rating\n{self._prediction_note}"
            if self._warning:
                tip += "\n" + self.tr("Not trustworthy: {0}").format(self._warning)
            if self._stale:
                tip += "\nStale: ratings changed since training (retrain with F5)"
            if self._tooltip_extra is not None:
                try:
                    extra = self._tooltip_extra(r, c)
                except Exception:  # an explanation must never break the grid
                    extra = None
                if extra:
                    tip += "\n" + extra
            return tip
        return None

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
            return f"{titles[section]}\nitem id {labels[section]}"
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
            self.editRejected.emit(f"Edit refused, {exc}; the old value stays")
            return False
        old = float(self._values[r, c])
        if (math.isnan(old) and math.isnan(new)) or old == new:
            return True
        verb = "Clear" if math.isnan(new) else "Edit"
        try:
            self.set_cells([r], [c], [new], f"{verb} {where}")
        except InputError as exc:
            self.editRejected.emit(f"Edit refused, {exc}; the old value stays")
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
        if text.endswith("\n"):
            text = text[:-1]
        if not text.strip():
            raise InputError("the clipboard holds no text to paste")
        block = [line.split("\t") for line in text.split("\n")]
        if len(block) == 1 and len(block[0]) == 1 and (fill_rows > 1 or fill_cols > 1):
            block = [[block[0][0]] * fill_cols for _ in range(fill_rows)]
        n_rows, n_cols = self._values.shape
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
        message = f"Pasted {n} cell{'s' if n != 1 else ''}"
        if clipped:
            message += "; the part outside the grid was left out"
        return message
