"""Recommendations: for a user, the unrated items best predicted first; for an item, the users
most likely to rate it high (engine: ``core.analysis.top_n_for_user`` / ``top_users_for_item``).

The panel follows the grid's current cell (its row is the user, its column the
item) and the embedding map's clicks; double-clicking a line jumps to that
cell in the grid (``cellRequested(row, column)``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from . import settings


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setDefaultSectionSize(22)
    table.setMinimumHeight(48)  # the tab must not set the window's minimum height
    return table


class RecommendPanel(QWidget):
    """Top-N items for a user and top users for an item; see the module docstring."""

    cellRequested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.n = QSpinBox()
        self.n.setRange(1, 1000)
        self.n.setValue(max(1, settings.read("recommend/n")))
        self.n.setPrefix("top ")
        self.user_combo = QComboBox()
        self.item_combo = QComboBox()
        for combo in (self.user_combo, self.item_combo):
            combo.setMaxVisibleItems(20)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.items_table = _table(["#", "item (not rated yet)", "predicted"])
        self.users_table = _table(["#", "user (has not rated it)", "predicted"])
        self.note = QLabel("Train a model (F5): recommendations come from its predictions")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#606060;")

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addWidget(QLabel("For user:"), 0, 0)
        grid.addWidget(self.user_combo, 0, 1)
        grid.addWidget(self.n, 0, 2)
        grid.addWidget(self.items_table, 1, 0, 1, 3)
        grid.addWidget(QLabel("For item:"), 2, 0)
        grid.addWidget(self.item_combo, 2, 1, 1, 2)
        grid.addWidget(self.users_table, 3, 0, 1, 3)
        grid.addWidget(self.note, 4, 0, 1, 3)
        grid.setColumnStretch(1, 1)

        self._matrix = None
        self._predictions: np.ndarray | None = None
        self.user_combo.currentIndexChanged.connect(self._refresh_user)
        self.item_combo.currentIndexChanged.connect(self._refresh_item)
        self.n.valueChanged.connect(self._on_n_changed)
        self.items_table.cellDoubleClicked.connect(self._on_item_line)
        self.users_table.cellDoubleClicked.connect(self._on_user_line)

    # -- state -----------------------------------------------------------------
    def set_matrix(self, matrix) -> None:
        """A new matrix: fill the choosers, forget the predictions."""
        self._matrix = matrix
        self._predictions = None
        limit = 5000  # a combo of 10 000 entries is no chooser; the grid's current cell still drives it
        for combo, labels in ((self.user_combo, matrix.users), (self.item_combo, matrix.items)):
            with QSignalBlocker(combo):
                combo.clear()
                if len(labels) <= limit:
                    combo.addItems([str(x) for x in labels])
        self.note.setText("Train a model (F5): recommendations come from its predictions")
        self.refresh()

    def set_predictions(self, matrix, predictions: np.ndarray | None, note: str = "") -> None:
        self._matrix = matrix
        self._predictions = None if predictions is None else np.asarray(predictions, dtype=float)
        if predictions is not None:
            self.note.setText(note or "From the predictions shown in the grid; double-click a line to go to the cell")
        self.refresh()

    def select_user(self, row: int) -> None:
        if 0 <= row < self.user_combo.count():
            self.user_combo.setCurrentIndex(row)
        else:
            self._refresh_user(row)

    def select_item(self, column: int) -> None:
        if 0 <= column < self.item_combo.count():
            self.item_combo.setCurrentIndex(column)
        else:
            self._refresh_item(column)

    def current_user(self) -> int:
        return self.user_combo.currentIndex()

    def current_item(self) -> int:
        return self.item_combo.currentIndex()

    # -- lists ---------------------------------------------------------------------
    def refresh(self) -> None:
        self._refresh_user(self.user_combo.currentIndex())
        self._refresh_item(self.item_combo.currentIndex())

    def _on_n_changed(self, n: int) -> None:
        settings.write("recommend/n", int(n))
        self.refresh()

    def _fill(self, table: QTableWidget, ranked, empty: str) -> None:
        table.setRowCount(0)
        if not ranked:
            table.setRowCount(1)
            cell = QTableWidgetItem(empty)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(0, 1, cell)
            return
        table.setRowCount(len(ranked))
        for k, entry in enumerate(ranked):
            for col, text in enumerate((str(k + 1), entry.label, f"{entry.prediction:.2f}")):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, int(entry.index))
                if col != 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(k, col, cell)

    def _refresh_user(self, row: int) -> None:
        if self._matrix is None or self._predictions is None or not 0 <= row < self._matrix.n_users:
            self.items_table.setRowCount(0)
            return
        from ..core.analysis import top_n_for_user

        self._fill(self.items_table, top_n_for_user(self._matrix, self._predictions, row, self.n.value()),
                   "has rated every item")

    def _refresh_item(self, column: int) -> None:
        if self._matrix is None or self._predictions is None or not 0 <= column < self._matrix.n_items:
            self.users_table.setRowCount(0)
            return
        from ..core.analysis import top_users_for_item

        self._fill(self.users_table, top_users_for_item(self._matrix, self._predictions, column, self.n.value()),
                   "every user has rated it")

    def user_list(self) -> list[tuple[str, float]]:
        """The shown top-N items for the current user as (label, prediction) (tests)."""
        return self._read(self.items_table)

    def item_list(self) -> list[tuple[str, float]]:
        return self._read(self.users_table)

    @staticmethod
    def _read(table: QTableWidget) -> list[tuple[str, float]]:
        out = []
        for k in range(table.rowCount()):
            label, value = table.item(k, 1), table.item(k, 2)
            if label is not None and value is not None:
                out.append((label.text(), float(value.text())))
        return out

    def _on_item_line(self, line: int, _col: int) -> None:
        cell = self.items_table.item(line, 1)
        if cell is not None and cell.data(Qt.ItemDataRole.UserRole) is not None:
            self.cellRequested.emit(self.user_combo.currentIndex(), int(cell.data(Qt.ItemDataRole.UserRole)))

    def _on_user_line(self, line: int, _col: int) -> None:
        cell = self.users_table.item(line, 1)
        if cell is not None and cell.data(Qt.ItemDataRole.UserRole) is not None:
            self.cellRequested.emit(int(cell.data(Qt.ItemDataRole.UserRole)), self.item_combo.currentIndex())


__all__ = ["RecommendPanel"]
