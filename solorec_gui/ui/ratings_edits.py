"""Editing the grid's table: cell edits, paste and Delete, and structural edits, each one undo step.

A mixin of :class:`~.ratings_model.RatingsModel` (split from it): the undo commands
(:class:`SetCellsCommand`, :class:`InsertLinesCommand`, :class:`RemoveLinesCommand`,
:class:`RenameLineCommand`, :class:`ReplaceTableCommand`) and :class:`TableEditing`,
which writes the dense ``values`` of the matrix and keeps every array aligned with it
(the predictions, the provenance of each row and column, the extra grids) through
inserts and removals. A sparse (MovieLens-25M-size) table is read-only: every edit
is refused with the reason (:meth:`TableEditing._check_writable`).

Translations keep the context ``RatingsModel``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QUndoCommand

from ..core.data import format_rating, label_problem, normalize_label
from ..core.errors import InputError

ROWS, COLUMNS = 0, 1


class SetCellsCommand(QUndoCommand):
    """Set a group of cells (one edit, a Delete, a paste) as one undo step."""

    def __init__(
        self,
        model: TableEditing,
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

    def __init__(self, model: TableEditing, axis: int, position: int, labels: list[str],
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

    def __init__(self, model: TableEditing, axis: int, indices: Sequence[int], text: str) -> None:
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

    def __init__(self, model: TableEditing, axis: int, index: int, label: str, text: str) -> None:
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

    def __init__(self, model: TableEditing, users: list[str], items: list[str], values: np.ndarray, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._new = (list(users), list(items), np.array(values, dtype=np.float64))
        m = model.matrix
        self._old = (list(m.users), list(m.items), m.values.copy())

    def redo(self) -> None:
        self._model._replace_table(*self._new)

    def undo(self) -> None:
        self._model._replace_table(*self._old)



class TableEditing:
    """The editing half of :class:`~.ratings_model.RatingsModel` (see the module docstring)."""

    # -- bulk changes ------------------------------------------------------------
    def set_cells(self, rows: Sequence[int], cols: Sequence[int], values: Sequence[float], text: str) -> None:
        """Change cells as one undoable step (direct write without an undo stack).

        Raises :class:`InputError` when the document is read-only."""
        self._check_writable()
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
        if self.is_sparse:
            raise InputError(self.size_refusal())
        if self._read_only:
            raise InputError(QCoreApplication.translate(
                "RatingsModel", "the file is open read-only (another window owns it); Save As makes it yours"))

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
                raise InputError(
                    QCoreApplication.translate("RatingsModel", "the label {0!r} is given twice").format(label))
            checked.append(label)
        if not checked:
            return []
        k = len(checked)
        if axis == ROWS:
            text = (QCoreApplication.translate("RatingsModel", "Add {0} user(s)").format(k) if k > 1
                    else QCoreApplication.translate("RatingsModel", "Add user {0}").format(checked[0]))
        else:
            text = (QCoreApplication.translate("RatingsModel", "Add {0} item(s)").format(k) if k > 1
                    else QCoreApplication.translate("RatingsModel", "Add item {0}").format(checked[0]))
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
            text = (QCoreApplication.translate("RatingsModel", "Remove {0} users").format(k) if k > 1
                    else QCoreApplication.translate("RatingsModel", "Remove user {0}").format(names[idx[0]]))
        else:
            text = (QCoreApplication.translate("RatingsModel", "Remove {0} items").format(k) if k > 1
                    else QCoreApplication.translate("RatingsModel", "Remove item {0}").format(names[idx[0]]))
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
                                     QCoreApplication.translate("RatingsModel", "Rename {old} to {new}").format(
                                         old=old, new=label)))
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
        self._check_writable()
        known = [(r, c) for r, c in cells if not math.isnan(self._values[r, c])]
        if known:
            rows, cols = zip(*known)
            n = len(known)
            self.set_cells(rows, cols, [math.nan] * n, f"Delete {n} rating{'s' if n > 1 else ''}")
        return len(known)

    def copy_text(self, top: int, left: int, bottom: int, right: int) -> str:
        """Tab-separated ratings of a block (missing cells empty), as spreadsheets paste."""
        lines = []
        block = self._cells.ratings_block(top, bottom + 1, left, right + 1) if self.is_sparse else None
        for r in range(top, bottom + 1):
            row = block[r - top] if block is not None else self._values[r, left : right + 1]
            lines.append("\t".join("" if math.isnan(v) else format_rating(v) for v in row))
        return "\n".join(lines) + "\n"

    def paste_text(self, text: str, top: int, left: int, fill_rows: int = 1, fill_cols: int = 1) -> str:
        """Paste a tab-separated block at (top, left) as one undo step.

        A single value pasted onto a larger selection (``fill_rows`` ×
        ``fill_cols``) fills it, as in a spreadsheet. Every cell is validated
        before anything changes: one bad cell refuses the whole paste with a
        reason (:class:`InputError`). Returns a status message.
        """
        if self.is_sparse:
            self._check_writable()
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
                    self._undo.beginMacro(QCoreApplication.translate(
                        "RatingsModel", "Paste {0} cells, adding rows or columns").format(n))
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
                    added.append(QCoreApplication.translate("RatingsModel", "{0} user(s)").format(extra_rows))
                if extra_cols:
                    added.append(QCoreApplication.translate("RatingsModel", "{0} item(s)").format(extra_cols))
                return message + "; " + QCoreApplication.translate("RatingsModel", "added {0}").format(", ".join(added))
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
        message = (QCoreApplication.translate("RatingsModel", "Pasted {0} cells").format(n) if n != 1
                   else QCoreApplication.translate("RatingsModel", "Pasted 1 cell"))
        if clipped:
            message += QCoreApplication.translate("RatingsModel", "; the part outside the grid was left out")
        return message
