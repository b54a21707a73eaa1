"""Recommendations: for a user, the unrated items best predicted first; for an item, the users
most likely to rate it high (engine: ``core.analysis.top_n_for_user`` / ``top_users_for_item``).

The panel follows the grid's current cell (its row is the user, its column the
item) and the embedding map's clicks; double-clicking a line jumps to that
cell in the grid (``cellRequested(row, column)``). Items are shown by their
titles once item names are loaded (the id in the tooltip). The choosers are
editable with a completer that matches any part of a label or title, so they
work at any size (MovieLens' 1682 items, or 10 000 users). File › Export
recommendations… (:class:`RecommendationsExport`) writes every user's top-N list
as ``solorec-cli recommend`` does: ``user,rank,item,score[,title]``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
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
        self.n.setPrefix(self.tr("top "))
        self.user_combo = QComboBox()
        self.item_combo = QComboBox()
        self._user_labels = QStringListModel(self)
        self._item_labels = QStringListModel(self)
        for combo, labels in ((self.user_combo, self._user_labels), (self.item_combo, self._item_labels)):
            combo.setModel(labels)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.setMaxVisibleItems(20)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            completer = QCompleter(labels, combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setMaxVisibleItems(15)
            combo.setCompleter(completer)
            combo.lineEdit().setPlaceholderText(self.tr("type to search"))
        self.items_table = _table([self.tr("#"), self.tr("item (not rated yet)"), self.tr("predicted")])
        self.users_table = _table([self.tr("#"), self.tr("user (has not rated it)"), self.tr("predicted")])
        self.note = QLabel(self.tr("Train a model (F5): recommendations come from its predictions"))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#606060;")

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addWidget(QLabel(self.tr("For user:")), 0, 0)
        grid.addWidget(self.user_combo, 0, 1)
        grid.addWidget(self.n, 0, 2)
        grid.addWidget(self.items_table, 1, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("For item:")), 2, 0)
        grid.addWidget(self.item_combo, 2, 1, 1, 2)
        grid.addWidget(self.users_table, 3, 0, 1, 3)
        grid.addWidget(self.note, 4, 0, 1, 3)
        grid.setColumnStretch(1, 1)

        self._matrix = None
        self._predictions: np.ndarray | None = None
        #: A sparse table's trained model: each list is ranked from one user's (or item's) predictions.
        self._predictor = None
        self._titles: list[str | None] | None = None
        self.user_combo.currentIndexChanged.connect(self._refresh_user)
        self.item_combo.currentIndexChanged.connect(self._refresh_item)
        self.n.valueChanged.connect(self._on_n_changed)
        self.items_table.cellDoubleClicked.connect(self._on_item_line)
        self.users_table.cellDoubleClicked.connect(self._on_user_line)

    # -- state -----------------------------------------------------------------
    def set_matrix(self, matrix) -> None:
        """A new matrix: fill the choosers, forget the predictions and titles."""
        self._matrix = matrix
        self._predictions = None
        self._predictor = None
        self._titles = None
        self._fill_choosers()
        self.note.setText(self.tr("Train a model (F5): recommendations come from its predictions"))
        self.refresh()

    def update_matrix(self, matrix) -> None:
        """The table's rows or columns changed (added, removed, renamed): new choosers, same predictions
        until new ones come (they are dropped when they no longer fit the table)."""
        self._matrix = matrix
        if self._titles is not None and len(self._titles) != matrix.n_items:
            self._titles = None
        if self._predictions is not None and self._predictions.shape != matrix.shape:
            self._predictions = None
            self.note.setText(self.tr("The table changed since training: F5 trains on it as it is"))
        self._fill_choosers()
        self.refresh()

    def set_titles(self, titles: Sequence[str | None] | None) -> None:
        """Item names (loaded with File › Load item names…): shown instead of the ids."""
        ok = titles is not None and self._matrix is not None and len(titles) == self._matrix.n_items
        self._titles = list(titles) if ok else None
        self._fill_choosers()
        self.refresh()

    def item_text(self, column: int) -> str:
        """An item as the panel shows it: its title when names are loaded, else its id."""
        label = str(self._matrix.items[column])
        if self._titles is not None and self._titles[column]:
            return str(self._titles[column])
        return label

    def _fill_choosers(self) -> None:
        matrix = self._matrix
        users = [] if matrix is None else [str(u) for u in matrix.users]
        items = [] if matrix is None else [self.item_text(c) for c in range(matrix.n_items)]
        for combo, model, labels in ((self.user_combo, self._user_labels, users),
                                     (self.item_combo, self._item_labels, items)):
            keep = combo.currentIndex()
            with QSignalBlocker(combo):
                model.setStringList(labels)
                combo.setCurrentIndex(keep if 0 <= keep < len(labels) else (0 if labels else -1))

    def set_predictions(self, matrix, predictions: np.ndarray | None, note: str = "") -> None:
        if matrix is not self._matrix or self._user_labels.rowCount() != matrix.n_users:
            self._matrix = matrix
            self._fill_choosers()
        self._matrix = matrix
        self._predictions = None if predictions is None else np.asarray(predictions, dtype=float)
        if self._predictions is not None and self._predictions.shape != matrix.shape:
            self._predictions = None
            self.note.setText(self.tr("The table changed since training: F5 trains on it as it is"))
        elif predictions is not None:
            self.note.setText(note or self.tr(
                "From the predictions shown in the grid; double-click a line to go to the cell"))
        self.refresh()

    def set_predictor(self, matrix, model) -> None:
        """A table too large for a grid of predictions: rank each list from ``model.predict_rows`` /
        ``predict_cells`` for the one user (item) chosen."""
        if matrix is not self._matrix:
            self._matrix = matrix
            self._fill_choosers()
        self._predictions = None
        self._predictor = model
        if model is not None:
            self.note.setText(self.tr("From the trained model, one user (item) at a time; double-click a line to go "
                                      "to the cell"))
        self.refresh()

    def _sparse_ranked(self, axis: int, index: int) -> list:
        """A sparse table's list: the unrated items of user ``index`` (axis 0) or the users who have not
        rated item ``index`` (axis 1), best predicted first."""
        from ..core.analysis import _ranked

        m, model = self._matrix, self._predictor
        if axis == 0:
            scores = np.asarray(model.predict_rows([index])[0], dtype=float)
            candidates = np.ones(m.n_items, dtype=bool)
            candidates[m.row(index)[0]] = False
            return _ranked(scores, candidates, m.items, self.n.value())
        users = np.arange(m.n_users)
        scores = np.asarray(model.predict_cells(users, np.full(m.n_users, index)), dtype=float)
        candidates = np.ones(m.n_users, dtype=bool)
        candidates[m.rows[m.cols == index]] = False
        return _ranked(scores, candidates, m.users, self.n.value())

    def select_user(self, row: int) -> None:
        if 0 <= row < self.user_combo.count() and row != self.user_combo.currentIndex():
            self.user_combo.setCurrentIndex(row)
        else:
            self._refresh_user(row)

    def select_item(self, column: int) -> None:
        if 0 <= column < self.item_combo.count() and column != self.item_combo.currentIndex():
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

    def _fill(self, table: QTableWidget, ranked, empty: str, items: bool = False) -> None:
        table.setRowCount(0)
        ranked = [r for r in ranked if r.prediction == r.prediction]  # NaN: a row still being folded in
        if not ranked:
            table.setRowCount(1)
            cell = QTableWidgetItem(empty)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(0, 1, cell)
            return
        table.setRowCount(len(ranked))
        for k, entry in enumerate(ranked):
            label = self.item_text(int(entry.index)) if items else entry.label
            for col, text in enumerate((str(k + 1), label, f"{entry.prediction:.2f}")):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, int(entry.index))
                if col == 1 and label != entry.label:
                    cell.setToolTip(self.tr("item id {0}").format(entry.label))
                if col != 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(k, col, cell)

    def _deferred(self) -> bool:
        """A sparse table's lists cost a model call each (the item list predicts every user): made only
        while the tab is shown; True (and made when it is shown) otherwise."""
        if self.isVisible():
            return False
        self._stale_lists = True
        return True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_stale_lists", False):
            self._stale_lists = False
            self.refresh()

    def _refresh_user(self, row: int) -> None:
        if self._predictor is not None and self._matrix is not None and 0 <= row < self._matrix.n_users:
            if self._deferred():
                return
            self._fill(self.items_table, self._sparse_ranked(0, row), self.tr("has rated every item"), items=True)
            return
        if (self._matrix is None or self._predictions is None or not 0 <= row < self._matrix.n_users
                or self._predictions.shape != self._matrix.shape):
            self.items_table.setRowCount(0)
            return
        from ..core.analysis import top_n_for_user

        self._fill(self.items_table, top_n_for_user(self._matrix, self._predictions, row, self.n.value()),
                   self.tr("has rated every item"), items=True)

    def _refresh_item(self, column: int) -> None:
        if self._predictor is not None and self._matrix is not None and 0 <= column < self._matrix.n_items:
            if self._deferred():
                return
            self._fill(self.users_table, self._sparse_ranked(1, column), self.tr("every user has rated it"))
            return
        if (self._matrix is None or self._predictions is None or not 0 <= column < self._matrix.n_items
                or self._predictions.shape != self._matrix.shape):
            self.users_table.setRowCount(0)
            return
        from ..core.analysis import top_users_for_item

        self._fill(self.users_table, top_users_for_item(self._matrix, self._predictions, column, self.n.value()),
                   self.tr("every user has rated it"))

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


def recommendation_rows(matrix, scores: np.ndarray, n: int, titles: Sequence[str | None] | None = None,
                        rows: np.ndarray | None = None) -> list[list[str]]:
    """Every user's top-``n`` unrated items as ``solorec-cli recommend`` writes them:
    a header, then ``user,rank,item,score[,title]`` (labels guarded against spreadsheet formulas)."""
    from ..core.data.labels import _guard_formula
    from ..core.eval.ranking import top_n

    rows = np.arange(matrix.n_users) if rows is None else np.asarray(rows)
    lists = top_n(scores, matrix.known_mask, n, rows)
    out = [["user", "rank", "item", "score"] + (["title"] if titles is not None else [])]
    for u, items in zip(rows, lists):
        rank = 0
        for i in items:
            if not np.isfinite(scores[u, i]):
                continue
            rank += 1
            line = [_guard_formula(matrix.users[u]), str(rank), _guard_formula(matrix.items[i]), f"{scores[u, i]:.4f}"]
            if titles is not None:
                line.append(_guard_formula(titles[i] or ""))
            out.append(line)
    return out


class RecommendationsExport(QObject):
    """File › Export recommendations…: the top-N list of every user, and the panel's titles."""

    #: A sparse table's export (a job) has ended: True when the file was written.
    exported = Signal(bool)

    def __init__(self, host, panel: RecommendPanel) -> None:
        super().__init__(host.widget)
        self.host = host
        self.panel = panel
        self.action = QAction(self.tr("Export &recommendations…"), host.widget)
        self.action.setStatusTip(self.tr("Every user's top-N unrated items: user,rank,item,score[,title]"))
        self.action.triggered.connect(self._on_export)
        model = host.document.model
        model.headerDataChanged.connect(self._on_headers)

    @Slot(Qt.Orientation, int, int)
    def _on_headers(self, orientation: Qt.Orientation, _first: int, _last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.panel.set_titles(self.host.document.model.item_titles)

    def scores(self) -> np.ndarray | None:
        """The scores the lists come from: the document's predictions, or a ranker's scores."""
        doc = self.host.document
        if doc.predictions is not None:
            return doc.predictions
        outcome = doc.outcome
        scores = getattr(outcome, "predictions", None)
        if scores is not None and scores.shape == doc.matrix.shape:
            return scores
        return None

    def _on_export(self) -> None:
        if self.scores() is None and self.host.document.predictor() is None:
            self.host.error(self.tr("Nothing to export yet"), self.tr(
                "Train a model first (F5): the recommendations come from its predictions."))
            return
        doc = self.host.document
        start = Path(settings.read("file/last_dir") or Path.home()) / f"{Path(doc.display_name).stem}-top{self.panel.n.value()}.csv"
        path, _ = QFileDialog.getSaveFileName(self.host.widget, self.tr("Export recommendations"), str(start),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path, n: int | None = None) -> bool:
        """Write every user's top-``n`` list. A sparse table's lists are ranked in a job (its model's
        ``predict_rows``, a few hundred users at a time; the progress bar follows, Esc stops it): True
        means the job started, :attr:`exported` tells when it has written the file."""
        from ..core.data import write_rows
        from ..core.errors import SoloRecError

        doc = self.host.document
        if doc.model.is_sparse:
            return self._export_in_job(path, n)
        scores = self.scores()
        if scores is None:
            self.host.error(self.tr("Nothing to export yet"), self.tr(
                "Train a model first (F5): the recommendations come from its predictions."))
            return False
        doc = self.host.document
        n = int(n or self.panel.n.value())
        rows = recommendation_rows(doc.matrix, scores, n, doc.model.item_titles)
        try:
            write_rows(path, rows)
        except SoloRecError as exc:
            self.host.error(self.tr("Cannot export"), str(exc))
            return False
        self.host.status(self.tr("Exported the top {n} of {u} users to {name} ({k} lines)").format(
            n=n, u=doc.matrix.n_users, name=Path(path).name, k=len(rows) - 1), 8000)
        return True


    def _export_in_job(self, path: str | Path, n: int | None) -> bool:
        doc, jobs = self.host.document, self.host.jobs
        model = doc.predictor()
        if model is None:
            self.host.error(self.tr("Nothing to export yet"), self.tr(
                "Train a model first (F5): the recommendations come from its predictions."))
            return False
        if jobs.is_running():
            self.host.status(self.tr("A job is already running; press Esc to stop it"), 5000)
            return False
        n = int(n or self.panel.n.value())
        self.host.panel.progress_label.setText(self.tr("Ranking every user's top {0}…").format(n))
        jobs.start(recommendations_job(doc.matrix, model, n, path, doc.model.item_titles), "export",
                   lambda result: self._on_export_end(result, path, n))
        return True

    def _on_export_end(self, result, path: str | Path, n: int) -> None:
        if result.finished:
            users, lines = result.value
            text = self.tr("Exported the top {n} of {u} users to {name} ({k} lines)").format(
                n=n, u=f"{users:,}", name=Path(path).name, k=f"{lines:,}")
            self.host.document.set_status(text)
            self.host.status(text, 10000)
        elif result.cancelled:
            text = self.tr("Export of the recommendations stopped; nothing was written")
            self.host.document.set_status(text)
            self.host.status(text, 10000)
        else:
            self.host.error(self.tr("Cannot export"), result.message)
        self.exported.emit(bool(result.finished))


def recommendations_job(matrix, model, n: int, path: str | Path, titles=None, users_per_step: int = 2048):
    """A job that ranks every user's top-``n`` unrated items from ``model`` (engine ``top_n_chunked``:
    ``predict_rows`` for a few hundred users at a time, never the full matrix) and writes them as
    ``user,rank,item,score[,title]``. Returns (users, lines written)."""

    def job(state):
        from ..core.data import write_rows
        from ..core.data.labels import _guard_formula
        from ..core.eval.ranking import top_n_chunked

        total = matrix.n_users
        state.set_fraction(0.0)
        # Only numpy arrays are kept while ranking, and the CSV rows are made one at a time while they are
        # written: 1.6 million row lists alive at once made the collector's full passes (holding the GIL,
        # so the GUI thread too) take hundreds of milliseconds.
        lists: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        for s0 in range(0, total, users_per_step):
            rows = np.arange(s0, min(total, s0 + users_per_step))
            step_lists, step_scores = top_n_chunked(model, matrix, n, rows, chunk=256, should_stop=state.should_stop)
            lists += step_lists
            scores += step_scores
            state.set_fraction(0.95 * min(total, s0 + users_per_step) / total)
        items = [_guard_formula(label) for label in matrix.items]
        names = None if titles is None else [_guard_formula(t or "") for t in titles]
        written = [0]

        def csv_rows():
            yield ["user", "rank", "item", "score"] + (["title"] if titles is not None else [])
            for u in range(total):
                user = _guard_formula(matrix.users[u])
                rank = 0
                for i, v in zip(lists[u].tolist(), scores[u].tolist()):
                    if not math.isfinite(v):
                        continue
                    rank += 1
                    written[0] += 1
                    yield ([user, str(rank), items[i], f"{v:.4f}"] if names is None
                           else [user, str(rank), items[i], f"{v:.4f}", names[i]])

        write_rows(path, csv_rows())
        state.set_fraction(1.0)
        return total, written[0]

    return job


def ranking_job(matrix, spec, folds: int, k: int):
    """Precision / recall / NDCG@K of ``spec``'s top-K lists on held-out ratings (engine ``evaluate_ranking``,
    k folds), as a job of the one protocol: its epochs go to the loss plot, Esc stops it."""
    from .engine_info import spec_epochs
    from .engine_jobs import _RunCounter
    from .job_guard import guard_job

    what = QCoreApplication.translate("Jobs", "{model}: fold {run} of {runs}")

    def job(state):
        from ..core.eval.ranking import evaluate_ranking

        counter = _RunCounter(state, {spec.model: (int(folds), max(1, spec_epochs(spec)))})

        def hook(p) -> None:
            if p.report is not None:
                counter.report(spec.model, p.run, p.report, what)

        return evaluate_ranking(matrix, spec, folds=int(folds), k=min(int(k), matrix.n_items), on_progress=hook,
                                should_stop=state.should_stop)

    return guard_job(job, spec)


class RankingBox(QWidget):
    """The Evaluate tab's top-N quality: precision, recall, NDCG, MAP, hit rate and coverage at K over
    the Evaluate tab's folds (engine ``evaluate_ranking``); a rating model ranks by predicted rating."""

    def __init__(self, host, folds: QSpinBox | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.folds = folds
        self.k = QSpinBox()
        self.k.setRange(1, 1000)
        self.k.setValue(10)
        self.k.setPrefix(self.tr("top "))
        self.button = QPushButton(self.tr("Rank: precision / recall / NDCG"))
        self.button.setToolTip(self.tr(
            "Train the shown model on each fold's training part and score its top-K lists against the held-out "
            "ratings (a held-out rating at least the relevance threshold counts as a hit)"))
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last = None
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Top-N lists:")), 0, 0)
        layout.addWidget(self.k, 0, 1)
        layout.addWidget(self.button, 0, 2)
        layout.addWidget(self.result, 1, 0, 1, 3)
        layout.setColumnStretch(2, 1)
        self.button.clicked.connect(self.run)
        host.jobs.started.connect(self._on_busy)
        host.jobs.idle.connect(self._on_idle)
        host.document.loaded.connect(self._on_loaded)

    @Slot(str)
    def _on_busy(self, _kind: str) -> None:
        self.button.setEnabled(False)

    @Slot()
    def _on_idle(self) -> None:
        self.button.setEnabled(True)

    @Slot()
    def _on_loaded(self) -> None:
        self.result.setText("")
        self.last = None

    def run(self) -> bool:
        from ..core.errors import ConfigError

        host = self.host
        if host.jobs.is_running():
            host.status(self.tr("A job is already running; press Esc to stop it"), 5000)
            return False
        host.grid.commit_open_editor()
        matrix = host.document.matrix
        if not matrix.is_dense:
            from ..core.data import cells_text

            host.error(self.tr("Ranking evaluation"), self.tr(
                "Ranking metrics rank every item for every held-out user from a full grid of scores; at {0} that "
                "grid cannot exist. Cross-validate the RMSE instead, or evaluate the ranking on a sample of the "
                "file.").format(cells_text(matrix.n_users * matrix.n_items)))
            return False
        try:
            spec = host.panel.spec()
        except ConfigError as exc:
            host.error(self.tr("Check the training settings"), str(exc))
            return False
        folds = self.folds.value() if self.folds is not None else 5
        host.panel.save()
        host.plot.clear()
        host.plot.set_curve_visible("valid", False)
        self.result.setText(self.tr("Ranking evaluation running… (Esc stops it)"))
        host.jobs.start(ranking_job(host.document.matrix.copy(), spec, folds, self.k.value()), "ranking",
                        self._on_end)
        return True

    def _on_end(self, result) -> None:
        trainer = getattr(self.host.widget, "trainer", None)
        if trainer is not None:
            trainer.restore_plot()
        if not result.finished:
            if result.cancelled:
                self.result.setText(self.tr("Ranking evaluation stopped: no result."))
            else:
                self.result.setText(self.tr("Ranking evaluation failed: {0}").format(result.message))
                self.host.error(self.tr("Ranking evaluation failed"), result.message)
            return
        r = self.last = result.value
        text = self.tr("Top {k} over {folds} folds ({n} users with a relevant held-out rating ≥ {rel:g}): "
                       "precision {p:.3f} · recall {r:.3f} · NDCG {ndcg:.3f} · MAP {map:.3f} · hit rate {hit:.3f} · "
                       "coverage {cov:.1%}").format(
            k=r.k, folds=self.folds.value() if self.folds is not None else 5, n=r.n_users, rel=r.relevant,
            p=r.precision, r=r.recall, ndcg=r.ndcg, map=r.map, hit=r.hit_rate, cov=r.coverage)
        self.result.setText(text)
        self.host.document.set_status(text)
        self.host.status(text, 10000)


__all__ = ["RankingBox", "RecommendPanel", "RecommendationsExport", "ranking_job", "recommendation_rows"]
