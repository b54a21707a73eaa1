"""The rating grid: the table view, its banners and legend, and the editing commands.

Copy, paste and Delete act on the document's table model (one undo step each);
a refused change says why in the status bar (``status(text, ms)``), never in a
dialog. Banners above the grid: predictions are stale (F5 retrains), they are
worse than predicting the mean (not trustworthy), the file is open read-only,
a comparison's predictions are shown for a while.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.data import cells_text
from ..core.errors import InputError
from .document import Document

BANNER = "padding:4px; border:1px solid {border}; background:{bg}; color:{fg};"
STALE = BANNER.format(bg="#fbf0e1", fg="#7a4600", border="#e0b070")
WARNING = BANNER.format(bg="#fde8e8", fg="#8a1010", border="#e08080")
INFO = BANNER.format(bg="#eef3fb", fg="#1d3f7a", border="#a8bde0")
#: The legend's swatch for the ensemble's spread: trainer.SPREAD_COLOR blended into the predicted background.
SPREAD_SWATCH = "#c7b3e6"
MAX_FIT_COLUMNS = 20_000
MAX_FIT_WIDTH = 320


def _command_cells(command) -> list[tuple[int, int]]:
    """The cells an undo command (or a macro of them) sets: SetCellsCommand keeps them as rows/cols."""
    if command is None:
        return []
    cells: list[tuple[int, int]] = []
    rows, cols = getattr(command, "_rows", None), getattr(command, "_cols", None)
    if rows is not None and cols is not None:
        cells += list(zip(map(int, rows), map(int, cols)))
    for k in range(command.childCount()):
        cells += _command_cells(command.child(k))
    return cells


class RatingsView(QTableView):
    """The grid: Delete/Backspace make the selected cells missing; Enter moves down, as in a spreadsheet
    (after committing an edit too)."""

    deletePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not editing:
            self.deletePressed.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.move_down()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # the editor's Enter
            self.move_down()

    def move_down(self) -> None:
        current = self.currentIndex()
        model = self.model()
        if current.isValid() and current.row() + 1 < model.rowCount():
            self.setCurrentIndex(model.index(current.row() + 1, current.column()))


def _banner(style: str) -> QLabel:
    label = QLabel("")
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setVisible(False)
    return label


class GridView(QWidget):
    """The grid with its banners and legend; see the module docstring."""

    def __init__(self, document: Document, status: Callable[[str, int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._status = status
        self.view = RatingsView()
        self.view.setModel(document.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(72)
        # Long titles (File › Load item names…) end in "…"; the header's tooltip holds the full title.
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setCornerButtonEnabled(True)

        self.read_only_banner = _banner(INFO)
        self.stale_banner = _banner(STALE)
        self.stale_banner.setText(self.tr(
            "Predictions are stale: ratings changed since this model was trained. Press F5 to retrain."))
        self.warning_banner = _banner(WARNING)
        self.overlay_banner = _banner(INFO)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for banner in (self.read_only_banner, self.warning_banner, self.stale_banner, self.overlay_banner):
            layout.addWidget(banner)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._legend())

        #: For the status bar: the matrix's size and the predictions' state.
        self.counts_label = QLabel()
        self.prediction_label = QLabel()
        model = document.model
        model.editRejected.connect(self._on_edit_rejected)
        model.ratingsChanged.connect(self.update_counts)
        model.predictionsChanged.connect(self.update_banners)
        document.loaded.connect(self.update_counts)
        document.stateChanged.connect(self.update_banners)
        document.outcomeChanged.connect(self.update_banners)
        self.view.deletePressed.connect(self.delete_selection)
        self._undo_seen = (document.undo_stack.index(), document.undo_stack.count())
        document.undo_stack.indexChanged.connect(self._on_undo_index)
        document.loaded.connect(self._reset_undo_seen)

    def _legend(self) -> QGridLayout:
        """Swatches three to a row, the editing hint beside them: the grid stays narrow enough for a
        1024-px-wide window beside the training panel."""
        self._legend_entries: dict[str, tuple[QLabel, QLabel]] = {}
        legend = QGridLayout()
        legend.setContentsMargins(2, 2, 2, 2)
        legend.setHorizontalSpacing(4)
        legend.setVerticalSpacing(2)
        for text, style, label, tip in (
            ("4.02", "background:#ffffff; color:#000000;", self.tr("rating"), self.tr("A known rating: plain text")),
            ("", "background:#e9e9ee;", self.tr("missing"), self.tr("A missing rating")),
            ("3.47", "background:#e8f0fc; color:#1d55b3; font-style:italic;", self.tr("predicted"),
             self.tr("A prediction, not a rating")),
            ("3.47", "background:#fbf0e1; color:#9a5b00; font-style:italic;", self.tr("stale prediction"),
             self.tr("A prediction from before the latest edits")),
            ("3.47", f"background:{SPREAD_SWATCH}; color:#1d55b3; font-style:italic;", self.tr("ensemble spread"),
             self.tr("The darker a predicted cell, the more the ensemble's models disagree on it")),
        ):
            swatch = QLabel(text)
            swatch.setFixedSize(44, 20)
            swatch.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            swatch.setStyleSheet(f"QLabel {{ {style} border:1px solid #b8b8c0; padding-right:3px; }}")
            swatch.setToolTip(tip)
            name = QLabel(label)
            k = len(self._legend_entries)
            legend.addWidget(swatch, k // 3, 2 * (k % 3))
            legend.addWidget(name, k // 3, 2 * (k % 3) + 1)
            self._legend_entries[label] = (swatch, name)
        hint = self.edit_hint = QLabel(self.tr("Double-click or type to edit · Delete clears · Ctrl+Z undoes"))
        hint.setStyleSheet("color:#606060;")
        hint.setWordWrap(True)
        hint.setMinimumWidth(120)
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        legend.addWidget(hint, 0, 6, 2, 1)
        legend.setColumnStretch(6, 1)
        self.spread_legend = self._legend_entries[self.tr("ensemble spread")]
        for widget in self.spread_legend:
            widget.setVisible(False)
        return legend

    # -- banners --------------------------------------------------------------------------------
    @Slot()
    def update_banners(self) -> None:
        doc = self.document
        model = doc.model
        self.stale_banner.setVisible(model.stale)
        warning = getattr(doc.outcome, "warning", None) if model.has_predictions else None
        shown_outcome = doc.outcome is not None and (
            model.predictions is doc.outcome.predictions if not model.is_sparse else model.has_predictions)
        self.warning_banner.setVisible(bool(warning) and shown_outcome)
        if warning:
            self.warning_banner.setText(self.tr("Not trustworthy: {0}").format(warning))
        if not model.has_predictions:
            self.prediction_label.setText(self.tr("No predictions (F5 to train)"))
        else:
            self.prediction_label.setText(self.tr("Predictions stale") if model.stale
                                          else self.tr("Predictions shown in italics"))
        spread = getattr(doc.outcome, "spread", None) if shown_outcome else None
        for widget in self.spread_legend:
            widget.setVisible(spread is not None)
        self.read_only_banner.setVisible(doc.read_only or model.is_sparse)
        self.edit_hint.setVisible(not (doc.read_only or model.is_sparse))  # no editing to explain
        if model.is_sparse:
            m = doc.matrix
            self.read_only_banner.setText(self.tr(
                "{name}: {u} users × {i} items, {n} ratings ({cells}). Cells are read as you scroll and "
                "predictions computed for the cells shown; at this size the grid is read-only and Export "
                "completed is replaced by the top-N export and the predictions for chosen users.").format(
                name=doc.display_name, u=f"{m.n_users:,}", i=f"{m.n_items:,}", n=f"{m.n_known:,}",
                cells=cells_text(m.n_users * m.n_items)))
        elif doc.read_only:
            self.read_only_banner.setText(self.tr(
                "{name} is open read-only: another SoloRec window owns it. You can look and train; "
                "Save As writes your own copy.").format(name=doc.display_name))

    @Slot()
    def update_counts(self) -> None:
        m = self.document.matrix
        self.counts_label.setText(self.tr("{u} users × {i} items · {k} ratings · {n} missing").format(
            u=f"{m.n_users:,}", i=f"{m.n_items:,}", k=f"{m.n_known:,}", n=f"{m.n_users * m.n_items - m.n_known:,}"))
        self.counts_label.setToolTip(self.document.model.size_refusal())

    def show_overlay_note(self, text: str | None) -> None:
        self.overlay_banner.setText(text or "")
        self.overlay_banner.setVisible(bool(text))

    # -- editing --------------------------------------------------------------------------------
    def commit_open_editor(self) -> None:
        """Commit (or, if invalid, refuse with a reason) a cell edit still being typed."""
        editor = QApplication.focusWidget()
        if editor is not None and self.view.viewport().isAncestorOf(editor):
            self.view.commitData(editor)
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def selected_block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) bounding the selection, or the current cell."""
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            current = self.view.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def select_block(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self.document.model
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.selectionModel().setCurrentIndex(model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate)

    @Slot()
    def copy(self) -> None:
        block = self.selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        if (bottom - top + 1) * (right - left + 1) > 5_000_000:
            self._status(self.tr("The selection is too large to copy"), 5000)
            return
        QGuiApplication.clipboard().setText(self.document.model.copy_text(top, left, bottom, right))
        self._status(self.tr("Copied {rows} × {cols} cells").format(rows=bottom - top + 1, cols=right - left + 1), 3000)

    @Slot()
    def paste_clipboard(self) -> None:
        block = self.selected_block()
        if block is None:
            self._status(self.tr("Select the cell where the paste should start"), 5000)
            return
        top, left, bottom, right = block
        self.paste(QGuiApplication.clipboard().text(), top, left, bottom - top + 1, right - left + 1)

    def paste(self, text: str, top: int, left: int, fill_rows: int = 1, fill_cols: int = 1) -> bool:
        try:
            message = self.document.model.paste_text(text, top, left, fill_rows, fill_cols)
        except InputError as exc:
            self._status(self.tr("Paste refused, {0}; nothing was changed").format(exc), 10000)
            return False
        self._status(message, 5000)
        return True

    @Slot()
    def delete_selection(self) -> None:
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        cells = [(i.row(), i.column()) for i in indexes if i.isValid()]
        try:
            n = self.document.model.clear_cells(cells)
        except InputError as exc:
            self._status(self.tr("Delete refused, {0}").format(exc), 10000)
            return
        if n:
            self._status(self.tr("{0} ratings removed (Ctrl+Z to undo)").format(n) if n > 1
                         else self.tr("1 rating removed (Ctrl+Z to undo)"), 5000)

    @Slot(str)
    def _on_edit_rejected(self, message: str) -> None:
        self._status(message, 10000)

    # -- columns ----------------------------------------------------------------------------------
    def fit_columns(self) -> bool:
        """Columns as wide as their labels (a small table fills the width); False, with the reason in
        the status bar, when the table has too many columns to measure."""
        header = self.view.horizontalHeader()
        model = self.document.model
        n = model.columnCount()
        if n == 0:
            return False
        if n <= 12:
            # A small table (the lecture's is 9 × 8) fills the width instead of a corner.
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(64)
            return True
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if n <= 200:
            self.view.resizeColumnsToContents()
            for c in range(n):
                header.resizeSection(c, min(max(header.sectionSize(c), 64), MAX_FIT_WIDTH))
            return True
        if n > MAX_FIT_COLUMNS:
            self._status(self.tr("{n} columns are too many to fit one by one; drag a column border, or "
                                 "double-click it to fit that column").format(n=n), 8000)
            return False
        # Many columns: measure the labels only (the cells are numbers, never wider than 64 px).
        metrics = header.fontMetrics()
        for c in range(n):
            text = str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            header.resizeSection(c, min(max(metrics.horizontalAdvance(text) + 16, 56), MAX_FIT_WIDTH))
        return True

    # -- selection follows the edits -------------------------------------------------------------
    @Slot(int)
    def _on_undo_index(self, index: int) -> None:
        """Select the cells a paste, an undo or a redo changed (a single typed edit keeps its place)."""
        stack = self.document.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self):
            return  # the stack emits while it is being destroyed with the window
        previous, count = self._undo_seen
        self._undo_seen = (index, stack.count())
        if index == previous or not (0 <= min(index, previous) < stack.count()):
            return
        command = stack.command(min(index, previous))
        cells = _command_cells(command)
        pushed = index == previous + 1 and stack.count() != count
        if not cells or (pushed and len(cells) == 1):
            return
        self.select_cells(cells)

    def select_cells(self, cells: list[tuple[int, int]]) -> None:
        model = self.document.model
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        selection = QItemSelection()
        if len(cells) > 2000:
            selection.select(model.index(min(rows), min(cols)), model.index(max(rows), max(cols)))
        else:
            for r, c in cells:
                if 0 <= r < model.rowCount() and 0 <= c < model.columnCount():
                    selection.select(model.index(r, c), model.index(r, c))
        if selection.isEmpty():
            return
        selection_model = self.view.selectionModel()
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        first = model.index(min(rows), min(cols))
        selection_model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.scrollTo(first)

    @Slot()
    def _reset_undo_seen(self) -> None:
        self._undo_seen = (self.document.undo_stack.index(), self.document.undo_stack.count())

    def new_matrix(self) -> None:
        """Column widths for a newly opened matrix."""
        if self.document.model.columnCount() <= 60:
            self.fit_columns()
        else:
            self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.view.horizontalHeader().setDefaultSectionSize(56)


__all__ = ["GridView", "RatingsView"]
