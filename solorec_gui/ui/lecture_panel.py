"""View › Lecture: the lecture's steps in a dockable panel, each run with SoloRec's engine.

The lecture ("NN-based Recommender system") builds an MF and an NN recommender on
``solo.csv`` in seven steps. For each step the panel shows the lecture's
explanation and code (data files, ``resources/lecture/{en,ko}.toml``, in the
app's language: a teacher edits them without touching Python; a malformed file
is a message at the top, never a crash), a **Run** button, and the result beside
the lecture's printed numbers with a check mark the engine computes
(:mod:`solorec_gui.core.lecture`: exact to 4 decimals, within a tolerance where
torch versions differ, or the behaviour the lecture describes).

A run is a job like F5's (:class:`~.jobs.JobController`): off the GUI thread, its
loss curve live in the Loss tab, Esc stops it ("Stopped", not a failure), a
failure is a warning. When the document is the lecture's ``solo.csv`` (unedited),
a step's model is applied the way a finished training is (:class:`~.trainer.Trainer`):
the grid's predictions with their provenance, the Loss tab, the embedding map and
the training panel's settings, so the student can keep exploring from there. With
another file open, the panel says so and offers to open ``solo.csv``; a run then
uses the bundled ``solo.csv`` and shows its result here only — the user's document
and its edits are never touched.
"""

from __future__ import annotations

import logging
import re
import string
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import SoloRecError
from .code_view import CodeView
from .host import Host
from .jobs import JobResult, TaskState

log = logging.getLogger(__name__)

KIND = "lecture"
OK_COLOR = "#1b7a1b"
BAD_COLOR = "#b71c1c"
NOTE_COLOR = "#8a5a00"
VALID_COLOR = "#c62828"
#: The lecture's step keys, in its order (``core.lecture.STEPS``; repeated here so the panel builds without torch).
STEP_KEYS = ("embedding", "mf_tensors", "mf_module", "nn_shallow", "nn_deep", "overfitting", "predictions")
DEFAULT_NAMES = "옥순, 영숙, 하니, 옥순, 영숙"


def lecture_language() -> str:
    """``ko`` when the app's language is Korean (``i18n.install`` sets the default QLocale), else ``en``."""
    return "ko" if QLocale().language() == QLocale.Language.Korean else "en"


class _Missing:
    """A ``{placeholder}`` with no number yet (before the step has run): shown as ``…``."""

    def __format__(self, spec: str) -> str:
        return "…"


class _Numbers(dict):
    def __missing__(self, key: str) -> _Missing:
        return _Missing()


def fill(template: str, numbers: dict[str, float] | None) -> str:
    """``template`` with its ``{name:.3f}`` placeholders filled from ``numbers`` (``…`` where none yet).
    A template Python cannot format (a stray brace in a teacher's text) is shown as written."""
    # The files wrap lines by hand: a single newline is a space, a blank line starts a paragraph.
    text = "\n\n".join(" ".join(line.strip() for line in para.splitlines() if line.strip())
                        for para in re.split(r"\n\s*\n", template.strip()))
    try:
        return string.Formatter().vformat(text, (), _Numbers(numbers or {}))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):
        return text


# ---------------------------------------------------------------------------------------------------------
# The job: one step, in the worker thread
# ---------------------------------------------------------------------------------------------------------


@dataclass
class LectureRun:
    """A finished step: the engine's StepResult, the torch that ran it, and (on the document) a TrainOutcome."""

    key: str
    step: Any  # core.lecture.StepResult
    torch_version: str
    #: The step's model as the grid, the plot and the map show a training (None: not on the document).
    outcome: Any = None
    snapshot: np.ndarray | None = field(default=None, repr=False)
    stopped: bool = False


def lecture_job(key: str, matrix: Any = None, *, apply: bool = False, **options: Any):
    """``job(state) -> LectureRun`` running lecture step ``key`` on ``matrix`` (None: the bundled
    solo.csv). ``apply``: also build the TrainOutcome a finished training would give (map points included)."""
    from .engine_jobs import TrainOutcome, _configure_torch, final_points
    from .job_guard import guard_job

    snapshot = None if matrix is None else np.array(matrix.values, copy=True)

    def job(state: TaskState) -> LectureRun:
        import torch

        from ..core.errors import Cancelled
        from ..core.lecture import run_step

        _configure_torch()
        try:
            res = run_step(key, matrix, on_epoch=state.epoch, should_stop=state.should_stop, **options)
        except Exception:
            if state.should_stop():  # a step stopped mid-way may not make its table: a stop, not a failure
                raise Cancelled() from None
            raise
        if state.should_stop():
            raise Cancelled()
        outcome = None
        fit_result = res.result
        if apply and fit_result is not None and matrix is not None:
            outcome = TrainOutcome(
                predictions=fit_result.predict_matrix(), history=list(res.history or fit_result.history),
                val_history=list(res.val_history), spec=fit_result.spec, stopped=False,
                seconds=float(fit_result.seconds), finished_at=datetime.now(), fit_result=fit_result,
                phases=list(fit_result.phases), warning=fit_result.warning, best_epoch=int(fit_result.best_epoch),
                map_points=final_points(fit_result), has_map_points=True,
            )
            if key == "overfitting":  # the step's holdout (the same seeded split), as F5's validation shows it
                from ..core.eval import errors_on, holdout_split
                from ..core.models import LECTURE_SEED

                train, valid = holdout_split(matrix, 0.1, LECTURE_SEED)
                outcome.train_mask, outcome.valid_mask = train, valid
                outcome.train_errors = errors_on(fit_result, matrix, train)
                outcome.valid_errors = errors_on(fit_result, matrix, valid)
        return LectureRun(key, res, str(torch.__version__).split("+")[0], outcome, snapshot)

    return guard_job(job)


# ---------------------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------------------


def _cell(value: float) -> str:
    return f"{value:.4f}"


class ArrayModel(QAbstractTableModel):
    """A small numpy matrix, 4 decimals, with row and column labels (read-only)."""

    def __init__(self, array: np.ndarray, rows: list[str] | None = None, cols: list[str] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.array = np.atleast_2d(np.asarray(array, dtype=float))
        self.row_labels = rows or [str(k) for k in range(self.array.shape[0])]
        self.col_labels = cols or [str(k) for k in range(self.array.shape[1])]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.array.shape[0]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.array.shape[1]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.array[index.row(), index.column()]
            return f"{value:g}" if float(value).is_integer() else _cell(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = self.col_labels if orientation == Qt.Orientation.Horizontal else self.row_labels
        return labels[section] if 0 <= section < len(labels) else None


class RowsModel(QAbstractTableModel):
    """A step's table: our values beside the lecture's, with a per-row check mark (computed by the engine)."""

    def __init__(self, rows: list, ours: list[str], lecture: list[str], parent=None) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.n_ours = max((len(r.ours) for r in self.rows), default=0)
        self.n_lecture = max((len(r.lecture or ()) for r in self.rows), default=0)
        self.headers = ([""] + (ours + [""] * self.n_ours)[:self.n_ours]
                        + (lecture + [""] * self.n_lecture)[:self.n_lecture] + ["✓"])
        self._ok = QBrush(QColor(OK_COLOR))
        self._bad = QBrush(QColor(BAD_COLOR))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def check(self, row: int) -> str:
        ok = self.rows[row].ok
        return "" if ok is None else ("✓" if ok else "✗")

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = self.rows[index.row()], index.column()
        last = len(self.headers) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return r.label
            if c == last:
                return self.check(index.row())
            k = c - 1
            if k < self.n_ours:
                return _cell(r.ours[k]) if k < len(r.ours) else ""
            k -= self.n_ours
            lecture = r.lecture or ()
            return _cell(lecture[k]) if k < len(lecture) else ""
        if role == Qt.ItemDataRole.ForegroundRole and c == last and r.ok is not None:
            return self._ok if r.ok else self._bad
        if role == Qt.ItemDataRole.TextAlignmentRole and c > 0:
            return int((Qt.AlignmentFlag.AlignCenter if c == last else Qt.AlignmentFlag.AlignRight)
                       | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)


def _table(model: QAbstractTableModel, max_rows: int = 16) -> QTableView:
    view = QTableView()
    view.setModel(model)
    model.setParent(view)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setVisible(isinstance(model, ArrayModel))
    rows = min(model.rowCount(), max_rows)
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize() + 6
                        + (view.horizontalScrollBar().sizeHint().height() if model.rowCount() > max_rows else 2))
    return view


# ---------------------------------------------------------------------------------------------------------
# One step
# ---------------------------------------------------------------------------------------------------------


class StepPage(QWidget):
    """One step: its text, code, Run button, check and result widgets."""

    runRequested = Signal(object)  # this page

    def __init__(self, number: int, texts: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.key = texts["key"]
        self.texts = texts
        self.result: LectureRun | None = None
        #: ✓ / ✗ / "" (not run): what the step list shows.
        self.mark = ""
        self.title_label = QLabel(f"<b>{_html(texts.get('title', self.key))}</b>")
        self.title_label.setWordWrap(True)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_view = CodeView(texts.get("code", ""))
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run this step with SoloRec's engine (Esc stops it)"))
        self.run_button.clicked.connect(lambda: self.runRequested.emit(self))
        self.check_label = QLabel(self.tr("Not run yet."))
        self.check_label.setWordWrap(True)
        self.check_label.setTextFormat(Qt.TextFormat.RichText)
        self.answer_label = QLabel()
        self.answer_label.setWordWrap(True)
        self.answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_label.setVisible(False)
        self.results = QVBoxLayout()
        self.results.setContentsMargins(0, 0, 0, 0)
        self._result_widgets: list[QWidget] = []
        self.tables: dict[str, QTableView] = {}
        self.plot = None  # a LossPlot, made when the step has a curve

        run_row = QHBoxLayout()
        self.options = QHBoxLayout()
        run_row.addLayout(self.options)
        run_row.addStretch(1)
        run_row.addWidget(self.run_button)
        self.names_edit: QLineEdit | None = None
        self.dim_box: QSpinBox | None = None
        if self.key == "embedding":
            self.names_edit = QLineEdit(DEFAULT_NAMES)
            self.names_edit.setToolTip(self.tr("Names separated by commas; the same name gets the same index"))
            self.dim_box = QSpinBox()
            self.dim_box.setRange(1, 8)
            self.dim_box.setValue(1)
            self.dim_box.setToolTip(self.tr("The embedding's dimension (the Linear layer's outputs)"))
            self.options.addWidget(QLabel(self.tr("Names:")))
            self.options.addWidget(self.names_edit, 1)
            self.options.addWidget(QLabel(self.tr("Dimension:")))
            self.options.addWidget(self.dim_box)
            self.names_edit.returnPressed.connect(lambda: self.runRequested.emit(self))
        self.extra_buttons = QHBoxLayout()
        self.evaluate_button = self.map_button = None
        if self.key == "overfitting":
            self.evaluate_button = QPushButton(self.tr("k-fold cross-validation: the Evaluate tab"))
            self.extra_buttons.addWidget(self.evaluate_button)
        if self.key == "predictions":
            self.map_button = QPushButton(self.tr("Show the embedding map (MBTI groups)"))
            self.extra_buttons.addWidget(self.map_button)
        self.extra_buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addWidget(self.code_view)
        layout.addLayout(run_row)
        layout.addWidget(self.check_label)
        layout.addWidget(self.answer_label)
        layout.addLayout(self.results)
        layout.addLayout(self.extra_buttons)
        layout.addStretch(1)
        self.show_texts()

    # -- texts --------------------------------------------------------------------------------------
    def show_texts(self) -> None:
        numbers = self.result.step.numbers if self.result is not None else None
        self.text_label.setText(fill(self.texts.get("text", ""), numbers))
        answer = self.texts.get("answer", "")
        if answer:
            self.answer_label.setText(fill(answer, numbers))

    def options_values(self) -> dict[str, Any]:
        """What the student typed (step 1: names and dimension); raises SoloRecError for a bad entry."""
        if self.key != "embedding":
            return {}
        names = tuple(n.strip() for n in self.names_edit.text().replace("，", ",").split(",") if n.strip())
        if not names:
            raise SoloRecError(self.tr("Type at least one name (names separated by commas)."))
        return {"names": names, "dim": int(self.dim_box.value())}

    def set_running(self, running: bool) -> None:
        self.run_button.setText(self.tr("Stop") if running else self.tr("Run"))
        if running:
            self.check_label.setText(self.tr("Running… (Esc stops it)"))

    def show_message(self, text: str, color: str = NOTE_COLOR) -> None:
        self.check_label.setText(f'<span style="color:{color}">{_html(text)}</span>')

    # -- a result -----------------------------------------------------------------------------------
    def clear_results(self) -> None:
        for widget in self._result_widgets:
            self.results.removeWidget(widget)
            widget.setParent(None)
            widget.deleteLater()
        self._result_widgets = []
        self.tables = {}

    def _add(self, widget: QWidget) -> QWidget:
        self.results.addWidget(widget)
        self._result_widgets.append(widget)
        return widget

    def show_result(self, run: LectureRun, on_document: bool) -> None:
        self.result = run
        res = run.step
        self.mark = "" if res.matches is None else ("✓" if res.matches else "✗")
        self.check_label.setText(self.check_text(run))
        self.show_texts()
        self.answer_label.setVisible(bool(self.texts.get("answer")))
        self.clear_results()
        if self.key == "embedding":
            self._show_embedding(res)
        if res.rows:
            if self.key == "predictions":
                self._add(_note(self.tr("First the lecture's last cell, net(XX1, XX2); then the {n} missing cells, "
                                        "now filled in.").format(n=sum(r.lecture is None for r in res.rows)), "#000"))
            ours, lecture = self._row_headers(res)
            self.tables["rows"] = self._add(_table(RowsModel(res.rows, ours, lecture)))
        if res.history and not on_document:  # on the document, the Loss tab shows the step's curve
            self._show_curves(res)
        if not on_document and self.key != "embedding":
            self._add(_note(self.tr("Ran on the bundled solo.csv; your document was not changed.")))

    def check_text(self, run: LectureRun) -> str:
        """The check line of a result: what was compared, how, and whether it matched (rich text)."""
        res = run.step
        diff = res.max_diff
        n = res.numbers
        if res.check == "exact":
            text = self.tr("Equals the lecture's printed numbers to 4 decimals (largest difference {d:.1g}).").format(
                d=0.0 if np.isnan(diff) else diff)
        elif res.check == "tolerance":
            if res.key == "nn_shallow":
                text = self.tr("It does not fit, as in the lecture (loss {loss:.3f}, the ratings' variance {var:.3f}); its "
                          "table equals the lecture's to ±{tol:g} with seed 43052.").format(
                    loss=n.get("loss", float("nan")), var=n.get("variance", float("nan")), tol=res.tolerance)
            else:
                text = self.tr("Within ±{tol:g} of the lecture's numbers, not to 4 decimals: the lecture ran an older torch, "
                          "and {epochs} training steps drift between torch versions (here torch {torch}). Both are "
                          "shown; largest difference {d:.4f}.").format(
                    tol=res.tolerance, torch=run.torch_version, d=diff, epochs=1000)
        elif res.key == "embedding":
            text = self.tr("Linear(one-hot) equals Embedding exactly (other names or dimension: no printed numbers to "
                      "compare).")
        elif res.key == "mf_module":
            text = self.tr("The class equals step 2 exactly (largest difference {d:g}). The lecture set no seed for it, so "
                      "its printed table (right) is not reproducible.").format(d=n.get("max_diff_vs_step2", float("nan")))
        elif res.key == "nn_shallow":
            text = self.tr("It does not fit, as in the lecture (loss {loss:.3f}, the ratings' variance {var:.3f}).").format(
                loss=n.get("loss", float("nan")), var=n.get("variance", float("nan")))
        elif res.key == "overfitting":
            text = self.tr("Yes, it overfits: training loss {train:.5f}, validation loss {val:.3f} ({ratio:.0f}× higher); "
                      "the validation loss was lowest at epoch {best:.0f}.").format(
                train=n.get("train_loss", float("nan")), val=n.get("val_loss", float("nan")),
                ratio=n.get("ratio", float("nan")), best=n.get("best_epoch", float("nan")))
        else:
            text = self.tr("Behaves as the lecture says.")
        if res.matches is None:
            return _html(text)
        color, mark = (OK_COLOR, "✓") if res.matches else (BAD_COLOR, "✗")
        if not res.matches:
            text = self.tr("Differs from the lecture: ") + text
        return f'<span style="color:{color}; font-weight:bold">{mark}</span> {_html(text)}'

    def _row_headers(self, res) -> tuple[list[str], list[str]]:
        if self.key == "embedding":
            return [self.tr("linr(E)")], [self.tr("lecture")]
        if self.key == "predictions":
            return [self.tr("ŷ")], [self.tr("lecture ŷ")]
        return [self.tr("ŷ"), self.tr("y")], [self.tr("lecture ŷ"), self.tr("lecture y")]

    def _show_embedding(self, res) -> None:
        a = res.arrays
        names = [r.label for r in res.rows] or [str(i) for i in a["index"]]
        order = list(dict.fromkeys(names))
        dims = [f"d{k + 1}" for k in range(a["weight"].shape[0])]
        grid = QGridLayout()
        specs = (
            ("one_hot", self.tr("One-hot E = one_hot(x)"), a["one_hot"], names, order),
            ("weight", self.tr("linr.weight (= ebdd.weight.T)"), a["weight"], dims, order),
            ("linear", self.tr("linr(E)"), a["linear"], names, dims),
            ("embedding", self.tr("ebdd(x)"), a["embedding"], names, dims),
        )
        box = QWidget()
        box.setLayout(grid)
        for k, (key, title, array, rows, cols) in enumerate(specs):
            view = _table(ArrayModel(array, list(rows), list(cols)))
            self.tables[key] = view
            grid.addWidget(QLabel(title), (k // 2) * 2, k % 2)
            grid.addWidget(view, (k // 2) * 2 + 1, k % 2)
        self._add(box)
        same = bool(res.numbers.get("same"))
        self._add(_note(self.tr("linr(E) and ebdd(x) are equal: {0}").format(self.tr("yes") if same else self.tr("no")),
                        OK_COLOR if same else BAD_COLOR))
        self._add(_note(self.tr("Linear without one-hot: Linear(1, d) on the index itself"), "#000"))
        view = _table(ArrayModel(a["without_one_hot"], names, dims))
        self.tables["without_one_hot"] = view
        self._add(view)

    def _show_curves(self, res) -> None:
        from .loss_plot import LossPlot

        plot = LossPlot()
        plot.setMinimumHeight(180)
        plot.setMinimumWidth(200)  # its bar's buttons may clip in a narrow dock; the page must not scroll sideways
        plot.set_history(res.history)
        if res.val_history:
            plot.add_curve("valid", self.tr("validation loss"), VALID_COLOR)
            plot.set_history(res.val_history, key="valid")
            plot.mark_epoch(int(np.argmin(res.val_history)) + 1, self.tr("lowest validation loss"))
        plot.flush()
        self.plot = self._add(plot)


def _html(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note(text: str, color: str = NOTE_COLOR) -> QLabel:
    label = QLabel(f'<span style="color:{color}">{_html(text)}</span>')
    label.setWordWrap(True)
    return label


# ---------------------------------------------------------------------------------------------------------
# The panel
# ---------------------------------------------------------------------------------------------------------


class LecturePanel(QWidget):
    """The steps, their texts and runs; see the module docstring."""

    #: A step's result is shown (the StepPage).
    stepFinished = Signal(object)

    def __init__(self, host: Host, trainer, insight=None, path: str | Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.trainer = trainer
        self.insight = insight
        self.language = lecture_language()
        self._solo = None
        self._running: StepPage | None = None
        self.pages: list[StepPage] = []

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color:{BAD_COLOR};")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(False)
        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("QFrame { background:#fff4d6; }")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.open_solo_button = QPushButton(self.tr("Open solo.csv"))
        self.open_solo_button.clicked.connect(self.open_solo)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(6, 4, 6, 4)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.open_solo_button)
        self.banner.setVisible(False)

        self.step_list = QListWidget()
        self.step_list.currentRowChanged.connect(self._on_step_selected)
        self.stack = QStackedWidget()
        self.reload_button = QPushButton(self.tr("Reload texts"))
        self.reload_button.setToolTip(self.tr("Read the lecture's text file again (after editing it)"))
        self.reload_button.clicked.connect(lambda: self.load_texts(self.path))
        self.file_label = QLabel()
        self.file_label.setStyleSheet("color:#666;")
        foot = QHBoxLayout()
        foot.addWidget(self.file_label, 1)
        foot.addWidget(self.reload_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.error_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.step_list)
        layout.addWidget(self.stack, 1)
        layout.addLayout(foot)

        from ..core.lecture import lecture_file

        self.path = Path(path) if path is not None else lecture_file(self.language)
        self.load_texts(self.path)
        host.document.loaded.connect(self._on_document_loaded)
        host.document.model.ratingsChanged.connect(self.update_banner)
        self.update_banner()

    # -- texts --------------------------------------------------------------------------------------
    def load_texts(self, path: str | Path) -> bool:
        """Read the lecture's text file; a malformed one is a message at the top (the steps stay runnable)."""
        from ..core.lecture import load_texts

        self.path = Path(path)
        self.file_label.setText(self.path.name)
        self.file_label.setToolTip(str(self.path))
        try:
            texts = load_texts(self.path)
            self.error_label.setVisible(False)
            ok = True
        except SoloRecError as exc:
            log.info("lecture file: %s", exc)
            self.error_label.setText(self.tr("The lecture's text file cannot be used: {0}\nThe steps can still be "
                                             "run; their texts are missing until the file is fixed.").format(exc))
            self.error_label.setVisible(True)
            texts = [{"key": key, "title": f"{k}. {key}", "text": "", "code": ""} for k, key in enumerate(STEP_KEYS, 1)]
            ok = False
        current = max(0, self.step_list.currentRow())
        if self._running is not None:
            self.host.jobs.discard()  # its page is about to go
            self._running = None
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages = []
        self.step_list.clear()
        for number, text in enumerate(texts, start=1):
            page = StepPage(STEP_KEYS.index(text["key"]) + 1, text)
            page.runRequested.connect(self.run_page)
            if page.evaluate_button is not None:
                page.evaluate_button.clicked.connect(self.show_evaluate)
            if page.map_button is not None:
                page.map_button.clicked.connect(self.show_map)
            scroll = QScrollArea()
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.stack.addWidget(scroll)
            self.pages.append(page)
            self.step_list.addItem(QListWidgetItem(text.get("title", text["key"])))
        rows = self.step_list.count()
        self.step_list.setFixedHeight(self.step_list.sizeHintForRow(0) * rows + 2 * self.step_list.frameWidth() + 4)
        self.step_list.setCurrentRow(min(current, rows - 1))
        return ok

    @Slot(int)
    def _on_step_selected(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)

    def page(self, key_or_number: str | int) -> StepPage:
        """The first page of a step (its key, or its 1-based number in the lecture)."""
        for page in self.pages:
            if page.key == key_or_number or page.number == key_or_number:
                return page
        raise KeyError(key_or_number)

    def _update_item(self, page: StepPage) -> None:
        row = self.pages.index(page)
        item = self.step_list.item(row)
        title = page.texts.get("title", page.key)
        item.setText(f"{page.mark} {title}" if page.mark else title)
        if page.mark:
            item.setForeground(QBrush(QColor(OK_COLOR if page.mark == "✓" else BAD_COLOR)))

    # -- the document ---------------------------------------------------------------------------------
    def document_is_solo(self) -> bool:
        """Is the open document the lecture's solo.csv, unedited (the same users, items and ratings)?"""
        m = self.host.document.matrix
        if self._solo is None:
            from ..core.data import read_ratings
            from ..paths import bundled_dataset

            self._solo = read_ratings(bundled_dataset())
        solo = self._solo
        return (list(m.users) == list(solo.users) and list(m.items) == list(solo.items)
                and np.array_equal(m.values, solo.values, equal_nan=True))

    @Slot()
    def update_banner(self, *args) -> None:
        solo = self.document_is_solo()
        self.banner.setVisible(not solo)
        if not solo:
            self.banner_label.setText(self.tr(
                "The lecture trains on solo.csv, and the open document ({name}) is not solo.csv as bundled. Runs use "
                "the bundled solo.csv and show their results here only; your document is not changed. Open solo.csv "
                "to see each step's model in the grid, the Loss tab and the embedding map.").format(
                name=self.host.document.display_name))

    @Slot()
    def _on_document_loaded(self) -> None:
        page, self._running = self._running, None
        if page is not None:  # the window discarded the step's job with the previous document
            page.set_running(False)
            page.show_message(self.tr("Discarded: another file was opened while the step ran."))
        self.update_banner()

    @Slot()
    def open_solo(self) -> bool:
        """Open the bundled solo.csv as the document (asking to save unsaved edits first)."""
        from ..paths import bundled_dataset

        if not self.host.maybe_save(self.tr("opening the lecture's solo.csv")):
            return False
        return bool(self.host.open_file(bundled_dataset()))

    # -- running -------------------------------------------------------------------------------------------
    @Slot(object)
    def run_page(self, page: StepPage) -> bool:
        """Run (or, while it runs, stop) ``page``'s step as a job; False when it could not start."""
        host, jobs = self.host, self.host.jobs
        if self._running is page and jobs.is_running():
            self.trainer.stop()
            return False
        if jobs.is_running():
            host.status(self.tr("A job is already running; press Esc to stop it"), 5000)
            page.show_message(self.tr("A job is already running; press Esc to stop it, then run the step again."))
            return False
        try:
            options = page.options_values()
        except SoloRecError as exc:
            page.show_message(str(exc), BAD_COLOR)
            return False
        host.grid.commit_open_editor()
        on_document = page.key != "embedding" and self.document_is_solo()
        matrix = host.document.matrix.copy() if on_document else None
        if page.key != "embedding":
            plot = host.plot
            plot.clear()
            plot.set_curve_visible("valid", page.key == "overfitting")
            if page.key == "overfitting" and self.insight is not None:
                host.tabs.setCurrentWidget(plot)
        self._running = page
        self._on_document = on_document
        page.set_running(True)
        jobs.start(lecture_job(page.key, matrix, apply=on_document, **options), KIND, self._on_end)
        return True

    def run_step(self, key_or_number: str | int) -> bool:
        page = self.page(key_or_number)
        self.step_list.setCurrentRow(self.pages.index(page))
        return self.run_page(page)

    def _on_end(self, result: JobResult) -> None:
        page, self._running = self._running, None
        if page is None:
            return
        page.set_running(False)
        trainer = self.trainer
        if result.finished:
            run: LectureRun = result.value
            page.show_result(run, run.outcome is not None)
            self._update_item(page)
            if run.outcome is not None:
                self.host.panel.set_spec(run.outcome.spec)
                trainer._apply(run.outcome, run.snapshot)  # the path a finished F5 takes
                if page.key == "predictions" and self.insight is not None:
                    self.insight.map.groups_box.setChecked(True)
            elif page.key != "embedding":
                trainer.restore_plot()
            self.host.status(self.tr("Lecture step {n}: {check}").format(
                n=page.number, check={"✓": self.tr("matches the lecture"), "✗": self.tr("differs from the lecture")}
                .get(page.mark, self.tr("done"))), 8000)
            self.stepFinished.emit(page)
        elif result.cancelled:
            page.show_message(self.tr("Stopped: nothing was applied."))
            trainer.report_stopped(result.kind, self.tr("nothing was applied"))
            trainer.restore_plot()
        else:
            page.show_message(self.tr("Failed: {0}").format(result.message), BAD_COLOR)
            trainer.report_failure(result.kind, result.message)
            trainer.restore_plot()

    # -- links ---------------------------------------------------------------------------------------------
    @Slot()
    def show_evaluate(self) -> None:
        if self.insight is not None:
            self.host.tabs.setCurrentWidget(self.insight.evaluation)

    @Slot()
    def show_map(self) -> None:
        if self.insight is not None:
            self.insight.map.groups_box.setChecked(True)
            self.host.tabs.setCurrentWidget(self.insight.map)


class LectureDock(QDockWidget):
    """View › Lecture: a dock that builds its :class:`LecturePanel` the first time it is shown."""

    def __init__(self, host: Host, trainer, insight=None, parent: QWidget | None = None) -> None:
        super().__init__(parent or host.widget)
        self.setWindowTitle(self.tr("Lecture"))
        self.setObjectName("LectureDock")
        self._args = (host, trainer, insight)
        self.panel: LecturePanel | None = None
        self.toggleViewAction().setText(self.tr("&Lecture"))
        self.toggleViewAction().setStatusTip(self.tr("The lecture's steps, each run with SoloRec's engine"))
        self.visibilityChanged.connect(self._on_visible)

    @Slot(bool)
    def _on_visible(self, visible: bool) -> None:
        if visible:
            self.ensure_panel()

    def ensure_panel(self) -> LecturePanel:
        if self.panel is None:
            self.panel = LecturePanel(*self._args)
            self.setWidget(self.panel)
            window = self.parentWidget()
            if isinstance(window, QMainWindow) and not self.isFloating():
                # Room for the text, the code and the tables (the user may drag it narrower), once laid out.
                QTimer.singleShot(0, lambda: window.resizeDocks(
                    [self], [min(620, max(440, window.width() * 2 // 5))], Qt.Orientation.Horizontal))
        return self.panel


__all__ = ["ArrayModel", "LectureDock", "LecturePanel", "LectureRun", "RowsModel", "StepPage", "fill", "lecture_job"]
