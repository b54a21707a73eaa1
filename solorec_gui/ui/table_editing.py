"""Editing the table itself: File › New table, add / remove / rename users and items.

The actions live here and reach the window through :func:`install` (one call in
``main_window``): File › New table…, File › Export recommendations…, the Edit
menu's row and column commands, the headers' context menus and the Training
menu's live what-if toggle (:mod:`.live_update`).

Keyboard: Ctrl+Shift+U adds a user, Ctrl+Shift+I an item, Ctrl+F2 / Ctrl+Shift+F2 rename the current
cell's user / item. Excel-like: **Insert** (Ctrl++ or the Insert key) adds rows above a whole-row
selection, or columns left of a whole-column selection; **Delete rows/columns**
(Ctrl+-) removes the selected whole rows or columns. The Delete key alone still
clears cells, as in a spreadsheet. A paste past the last row or column asks
whether to add them. Every change is one undo step on the document's stack
(so it marks the document modified and crash recovery keeps it) and never
throws a prediction away: removed rows come back with theirs on undo, added
ones are folded into the trained model.

A refused change (a duplicate or empty label, removing the last user or item,
a read-only file) says why in the status bar; nothing is changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from ..core.errors import InputError
from .host import Host
from .ratings_model import COLUMNS, ROWS


class NewTableDialog(QDialog):
    """Rows × columns and the rating scale of a new, empty table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New table"))
        self.users = QSpinBox()
        self.users.setRange(1, 100_000)
        self.users.setValue(5)
        self.items = QSpinBox()
        self.items.setRange(1, 100_000)
        self.items.setValue(5)
        self.low = QDoubleSpinBox()
        self.high = QDoubleSpinBox()
        for box, value in ((self.low, 0.0), (self.high, 5.0)):
            box.setRange(-1e6, 1e6)
            box.setDecimals(2)
            box.setValue(value)
        form = QFormLayout(self)
        form.addRow(self.tr("Users (rows):"), self.users)
        form.addRow(self.tr("Items (columns):"), self.items)
        form.addRow(self.tr("Lowest rating:"), self.low)
        form.addRow(self.tr("Highest rating:"), self.high)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if self.low.value() >= self.high.value():
            self.high.setFocus()
            return
        super().accept()

    def values(self) -> tuple[int, int, tuple[float, float]]:
        return self.users.value(), self.items.value(), (self.low.value(), self.high.value())


class TableEditing(QObject):
    """The table-editing actions of one window; see the module docstring."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        w = host.widget

        def action(text: str, slot, shortcuts=(), tip: str = "") -> QAction:
            a = QAction(text, w)
            if shortcuts:
                a.setShortcuts([QKeySequence(s) for s in shortcuts])
            if tip:
                a.setStatusTip(tip)
            a.triggered.connect(slot)
            w.addAction(a)
            return a

        self.new_table_action = action(self.tr("&New table…"), self._on_new_table, ["Ctrl+N"],
                                       self.tr("An empty table: users × items and the rating scale"))
        self.insert_action = action(self.tr("&Insert rows or columns"), self.insert_selected,
                                    ["Ctrl++", "Ctrl+=", "Ins"],
                                    self.tr("Insert as many rows (or columns) as are selected, above (or left of) them"))
        self.remove_action = action(self.tr("Delete selected rows or columns"), self.remove_selected, ["Ctrl+-"],
                                    self.tr("Remove the selected whole rows or columns (Ctrl+Z brings them back)"))
        self.add_user_action = action(self.tr("Add &user"), self.add_user, ["Ctrl+Shift+U"],
                                      self.tr("A new row at the end of the table"))
        self.add_item_action = action(self.tr("Add i&tem"), self.add_item, ["Ctrl+Shift+I"],
                                      self.tr("A new column at the end of the table"))
        self.rename_user_action = action(self.tr("Rename user…"), self.rename_current_user, ["Ctrl+F2"],
                                         self.tr("Rename the current cell's user"))
        self.rename_item_action = action(self.tr("Rename item…"), self.rename_current_item, ["Ctrl+Shift+F2"],
                                         self.tr("Rename the current cell's item"))
        self.edit_actions = [self.add_user_action, self.add_item_action, self.insert_action, self.remove_action,
                             self.rename_user_action, self.rename_item_action]
        model = host.document.model
        model.grow_handler = lambda rows, cols: self.ask_grow(rows, cols)
        view = host.grid.view
        for header, axis in ((view.verticalHeader(), ROWS), (view.horizontalHeader(), COLUMNS)):
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            header.customContextMenuRequested.connect(
                self._on_row_menu if axis == ROWS else self._on_column_menu)
        host.document.notice.connect(self._on_notice)
        host.document.warning.connect(self._on_warning)

    # -- questions (tests replace them) --------------------------------------------------------------
    def ask_grow(self, rows: int, cols: int) -> bool:
        """A paste reaches past the table: add the rows/columns it needs?"""
        parts = []
        if rows:
            parts.append(self.tr("{0} user(s)").format(rows))
        if cols:
            parts.append(self.tr("{0} item(s)").format(cols))
        answer = QMessageBox.question(
            self.host.widget, self.tr("Paste past the end of the table"),
            self.tr("The pasted block reaches past the table. Add {0} for it? (No pastes only what fits.)").format(
                self.tr(" and ").join(parts)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def ask_label(self, title: str, label: str, current: str) -> str | None:
        text, ok = QInputDialog.getText(self.host.widget, title, label, text=current)
        return text if ok else None

    def ask_new_table(self) -> tuple[int, int, tuple[float, float]] | None:
        dialog = NewTableDialog(self.host.widget)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # -- File › New table ------------------------------------------------------------------------------
    @Slot()
    def _on_new_table(self) -> None:
        answer = self.ask_new_table()
        if answer is not None:
            self.new_table(*answer)

    def new_table(self, users: int, items: int, scale: tuple[float, float] = (0.0, 5.0)) -> bool:
        host = self.host
        if not host.maybe_save(self.tr("creating a new table")):
            return False
        host.panel.save()
        if host.jobs.discard():
            host.status(self.tr("The job of the previous file was discarded"), 5000)
        try:
            host.document.new_table(users, items, scale)
        except InputError as exc:
            host.error(self.tr("Cannot create the table"), str(exc))
            return False
        host.status(self.tr("New table: {u} users × {i} items, ratings from {lo:g} to {hi:g}").format(
            u=users, i=items, lo=scale[0], hi=scale[1]), 8000)
        return True

    # -- rows and columns --------------------------------------------------------------------------------
    def _run(self, change, done: str | None = None) -> bool:
        self.host.grid.commit_open_editor()
        try:
            result = change()
        except InputError as exc:
            self.host.status(self.tr("Refused, {0}; nothing was changed").format(exc), 10000)
            return False
        if done:
            self.host.status(done.format(result) if "{0}" in done else done, 5000)
        return True

    def insert(self, axis: int, position: int, count: int = 1, labels=None) -> bool:
        model = self.host.document.model
        return self._run(lambda: ", ".join(model.insert_lines(axis, position, count, labels)),
                         self.tr("Added {0} (Ctrl+Z to undo)"))

    def remove(self, axis: int, indices) -> bool:
        model = self.host.document.model
        return self._run(lambda: model.remove_lines(axis, indices),
                         self.tr("Removed {0} user(s)") if axis == ROWS else self.tr("Removed {0} item(s)"))

    def rename(self, axis: int, index: int, label: str) -> bool:
        model = self.host.document.model
        return self._run(lambda: model.rename_line(axis, index, label), self.tr("Renamed (Ctrl+Z to undo)"))

    @Slot()
    def add_user(self) -> bool:
        return self.insert(ROWS, self.host.document.model.rowCount())

    @Slot()
    def add_item(self) -> bool:
        return self.insert(COLUMNS, self.host.document.model.columnCount())

    def whole_lines(self) -> tuple[int, list[int]] | None:
        """(axis, indices) when the selection is whole rows or whole columns."""
        sel = self.host.grid.view.selectionModel()
        rows = [i.row() for i in sel.selectedRows()]
        if rows:
            return ROWS, sorted(rows)
        cols = [i.column() for i in sel.selectedColumns()]
        if cols:
            return COLUMNS, sorted(cols)
        return None

    @Slot()
    def insert_selected(self) -> bool:
        lines = self.whole_lines()
        if lines is None:
            self.host.status(self.tr("Select whole rows or columns (click their headers) to insert before them"), 5000)
            return False
        axis, indices = lines
        return self.insert(axis, indices[0], len(indices))

    @Slot()
    def remove_selected(self) -> bool:
        lines = self.whole_lines()
        if lines is None:
            self.host.status(self.tr("Select whole rows or columns (click their headers) to delete them"), 5000)
            return False
        return self.remove(*lines)

    def _current(self, axis: int) -> int:
        index = self.host.grid.view.currentIndex()
        if not index.isValid():
            return -1
        return index.row() if axis == ROWS else index.column()

    @Slot()
    def rename_current_user(self) -> bool:
        return self.ask_rename(ROWS, self._current(ROWS))

    @Slot()
    def rename_current_item(self) -> bool:
        return self.ask_rename(COLUMNS, self._current(COLUMNS))

    def ask_rename(self, axis: int, index: int) -> bool:
        model = self.host.document.model
        if not 0 <= index < len(model.labels(axis)):
            self.host.status(self.tr("Select a cell of the user or item to rename"), 5000)
            return False
        old = model.labels(axis)[index]
        title = self.tr("Rename user") if axis == ROWS else self.tr("Rename item")
        text = self.ask_label(title, self.tr("New name for {0}:").format(old), old)
        if text is None:
            return False
        return self.rename(axis, index, text)

    # -- header context menus ----------------------------------------------------------------------------
    @Slot(QPoint)
    def _on_row_menu(self, pos: QPoint) -> None:
        self._header_menu(ROWS, self.host.grid.view.verticalHeader(), pos)

    @Slot(QPoint)
    def _on_column_menu(self, pos: QPoint) -> None:
        self._header_menu(COLUMNS, self.host.grid.view.horizontalHeader(), pos)

    def header_menu(self, axis: int, index: int) -> QMenu:
        """The context menu of a row's or a column's header (built, not shown: tests trigger its actions)."""
        menu = QMenu(self.host.widget)
        selected = self.whole_lines()
        indices = selected[1] if selected is not None and selected[0] == axis and index in selected[1] else [index]
        n = len(indices)
        if axis == ROWS:
            menu.addAction(self.tr("Insert user above"), lambda: self.insert(ROWS, index))
            menu.addAction(self.tr("Insert user below"), lambda: self.insert(ROWS, index + 1))
            menu.addAction(self.tr("Rename user…"), lambda: self.ask_rename(ROWS, index))
            menu.addAction(self.tr("Delete {0} user(s)").format(n), lambda: self.remove(ROWS, indices))
        else:
            menu.addAction(self.tr("Insert item left"), lambda: self.insert(COLUMNS, index))
            menu.addAction(self.tr("Insert item right"), lambda: self.insert(COLUMNS, index + 1))
            menu.addAction(self.tr("Rename item…"), lambda: self.ask_rename(COLUMNS, index))
            menu.addAction(self.tr("Delete {0} item(s)").format(n), lambda: self.remove(COLUMNS, indices))
        return menu

    def _header_menu(self, axis: int, header, pos: QPoint) -> None:
        index = header.logicalIndexAt(pos)
        if index < 0:
            return
        menu = self.header_menu(axis, index)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(header.mapToGlobal(pos))

    @Slot(str)
    def _on_notice(self, text: str) -> None:
        self.host.status(text, 10000)

    @Slot(str, str)
    def _on_warning(self, title: str, text: str) -> None:
        self.host.error(title, text)


def install(window) -> None:
    """Add table editing, live what-if and the recommendations export to ``window`` (one call in
    ``MainWindow.__init__``). The menus are found through actions they hold, so the window's menu
    code stays its own."""
    from .live_update import LiveUpdate
    from .recommend_panel import RankingBox, RecommendationsExport

    host = window.host
    window.table_editing = editing = TableEditing(host)
    window.live = LiveUpdate(host, window.insight.recommend)
    window.recommendations_export = export = RecommendationsExport(host, window.insight.recommend)
    evaluation = window.insight.evaluation
    window.ranking_box = RankingBox(host, getattr(evaluation, "folds", None))
    layout = evaluation.layout()
    if hasattr(layout, "rowCount"):  # the Evaluate tab's grid: ranking metrics below its tables
        layout.addWidget(window.ranking_box, layout.rowCount(), 0, 1, max(1, layout.columnCount()))
    else:
        layout.addWidget(window.ranking_box)
    file_menu = host.file_menu
    first = file_menu.actions()[0] if file_menu.actions() else None
    file_menu.insertAction(first, editing.new_table_action)
    file_menu.insertAction(host.menu_anchor, export.action)
    file_menu.insertSeparator(host.menu_anchor)
    edit_menu = _menu_holding(window, getattr(window, "delete_action", None))
    if edit_menu is not None:
        edit_menu.addSeparator()
        for a in editing.edit_actions:
            edit_menu.addAction(a)
    train_menu = _menu_holding(window, getattr(window, "stop_action", None))
    if train_menu is not None:
        train_menu.addSeparator()
        train_menu.addAction(window.live.action)


def _menu_holding(window, action) -> QMenu | None:
    if action is None:
        return None
    for menu in window.menuBar().findChildren(QMenu):
        if action in menu.actions():
            return menu
    return None


__all__ = ["NewTableDialog", "TableEditing", "install"]
