"""Cross-validation and model comparison, shown in an "Evaluate" tab.

The buttons only ask; ``insight.py`` runs the engine's ``evaluate`` /
``compare`` in the worker (``insight_jobs.crossval_job`` / ``compare_job``)
and hands the results to :meth:`EvaluationPanel.show_crossval` and
:meth:`EvaluationPanel.show_compare`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from . import settings

COMPARE_MODELS = ("mf", "nn", "baseline")
DIFF_COLOR = "#8e24aa"


def _fmt(v: float, digits: int = 4) -> str:
    return "–" if v is None or not math.isfinite(v) else f"{v:.{digits}f}"


class EvaluationPanel(QWidget):
    """K-fold table and the model comparison table; see the module docstring."""

    crossvalRequested = Signal(int)
    compareRequested = Signal(int, list)
    diffToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folds = QSpinBox()
        self.folds.setRange(2, 100)
        self.folds.setValue(max(2, settings.read("evaluate/folds")))
        self.folds.setSuffix(" folds")
        self.folds.setToolTip("K-fold cross-validation: every known rating is held out once; seeded with the training seed")
        self.crossval_button = QPushButton("Cross-validate")
        self.crossval_button.setToolTip("Train the training panel's settings K times, each time testing on one fold")
        self.compare_button = QPushButton("Compare models")
        self.compare_button.setToolTip("MF, NN and the baseline on the same folds and seed, with the panel's other settings")
        self.model_boxes: dict[str, QCheckBox] = {}
        models = QHBoxLayout()
        models.addWidget(QLabel("Compare:"))
        for name in COMPARE_MODELS:
            box = QCheckBox(name.upper() if name != "baseline" else "baseline")
            box.setChecked(True)
            self.model_boxes[name] = box
            models.addWidget(box)
        models.addStretch(1)

        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setMinimumHeight(48)
        self.summary = QLabel("Cross-validate the training settings, or compare MF, NN and the baseline on the same folds.")
        self.summary.setWordWrap(True)

        self.diff_box = QCheckBox("Shade the grid where")
        self.diff_a = QComboBox()
        self.diff_b = QComboBox()
        self.diff_box.setEnabled(False)
        self.diff_box.setToolTip("Missing cells darker where the two models' predictions differ more (trained on all ratings)")
        diff = QHBoxLayout()
        diff.addWidget(self.diff_box)
        diff.addWidget(self.diff_a)
        diff.addWidget(QLabel("and"))
        diff.addWidget(self.diff_b)
        diff.addWidget(QLabel("differ"))
        diff.addStretch(1)
        self.diff_label = QLabel("")
        self.diff_label.setWordWrap(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addWidget(self.folds, 0, 0)
        grid.addWidget(self.crossval_button, 0, 1)
        grid.addWidget(self.compare_button, 0, 2)
        grid.addLayout(models, 1, 0, 1, 3)
        grid.addWidget(self.table, 2, 0, 1, 3)
        grid.addWidget(self.summary, 3, 0, 1, 3)
        grid.addLayout(diff, 4, 0, 1, 3)
        grid.addWidget(self.diff_label, 5, 0, 1, 3)
        grid.setRowStretch(2, 1)

        self.crossval_button.clicked.connect(self._on_crossval)
        self.compare_button.clicked.connect(self._on_compare)
        self.diff_box.toggled.connect(self.diffToggled)
        self.diff_a.currentIndexChanged.connect(self._on_diff_models)
        self.diff_b.currentIndexChanged.connect(self._on_diff_models)
        self.last_crossval = None
        self.last_compare = None

    def _on_crossval(self) -> None:
        settings.write("evaluate/folds", self.folds.value())
        self.crossvalRequested.emit(self.folds.value())

    def _on_compare(self) -> None:
        settings.write("evaluate/folds", self.folds.value())
        models = [name for name, box in self.model_boxes.items() if box.isChecked()]
        self.compareRequested.emit(self.folds.value(), models)

    def _on_diff_models(self) -> None:
        if self.diff_box.isChecked():
            self.diffToggled.emit(True)

    def set_busy(self, busy: bool) -> None:
        self.crossval_button.setEnabled(not busy)
        self.compare_button.setEnabled(not busy)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.last_crossval = self.last_compare = None
        self.diff_box.setChecked(False)
        self.diff_box.setEnabled(False)
        self.diff_label.setText("")
        self.summary.setText("Cross-validate the training settings, or compare MF, NN and the baseline on the same folds.")

    # -- tables ----------------------------------------------------------------------
    def _set_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], bold_last: bool = False) -> None:
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = QTableWidgetItem(text)
                if c > 0:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if bold_last and r == len(rows) - 1:
                    cell.setFont(bold)
                    cell.setBackground(QBrush(QColor("#eef3fb")))
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def show_crossval(self, result) -> None:
        """Per-fold RMSE/MAE and mean ± sd (an engine ``EvalResult``)."""
        self.last_crossval = result
        rows = [
            [f"fold {f.fold}", _fmt(f.rmse), _fmt(f.mae), _fmt(f.train_rmse), str(f.n_train), str(f.n_test),
             str(f.epochs_run), f"{f.fit_seconds:.2f}"]
            for f in result.folds
        ]
        rows.append(
            ["mean ± sd", f"{_fmt(result.rmse_mean)} ± {_fmt(result.rmse_sd)}", f"{_fmt(result.mae_mean)} ± {_fmt(result.mae_sd)}",
             _fmt(result.train_rmse), str(result.n_train), str(result.n_test), "", f"{result.fit_seconds:.2f}"]
        )
        self._set_table(["fold", "RMSE", "MAE", "train RMSE", "train", "test", "epochs", "seconds"], rows, bold_last=True)
        model = result.spec.model.upper() if result.spec.model != "baseline" else "baseline"
        self.summary.setText(
            f"{model}, {len(result.folds)}-fold cross-validation (seed {result.seed}): held-out RMSE "
            f"{result.rmse_mean:.3f} ± {result.rmse_sd:.3f}, MAE {result.mae_mean:.3f} ± {result.mae_sd:.3f}; "
            f"on its own training ratings RMSE {result.train_rmse:.3f}."
            + (" The gap between the two is what overfitting looks like." if result.rmse_mean > 2 * result.train_rmse + 0.05 else "")
        )

    def show_compare(self, outcome) -> None:
        """The comparison table (engine ``CompareRow``s) and the models for the difference view."""
        self.last_compare = outcome
        rows = [
            [row.model.upper() if row.model != "baseline" else "baseline", f"{_fmt(row.rmse)} ± {_fmt(row.rmse_sd)}",
             f"{_fmt(row.mae)} ± {_fmt(row.mae_sd)}", _fmt(row.result.train_rmse), f"{row.seconds:.2f}"]
            for row in outcome.rows
        ]
        self._set_table(["model", "RMSE (mean ± sd)", "MAE (mean ± sd)", "train RMSE", "seconds"], rows)
        best = min(outcome.rows, key=lambda r: r.rmse if math.isfinite(r.rmse) else math.inf)
        self.summary.setText(
            f"{outcome.folds} folds, the same for every model. Lowest held-out RMSE: {best.model.upper()} "
            f"({best.rmse:.3f}). Seconds = total training time over the folds."
        )
        names = list(outcome.predictions)
        for combo, pick in ((self.diff_a, 0), (self.diff_b, 1)):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([n.upper() if n != "baseline" else "baseline" for n in names])
            combo.setProperty("names", names)
            index = combo.findText(current)
            combo.setCurrentIndex(index if index >= 0 else min(pick, len(names) - 1))
            combo.blockSignals(False)
        self.diff_box.setEnabled(len(names) >= 2)
        if self.diff_box.isChecked():
            self.diffToggled.emit(True)

    def diff_models(self) -> tuple[str, str] | None:
        names = self.diff_a.property("names") or []
        a, b = self.diff_a.currentIndex(), self.diff_b.currentIndex()
        if not (0 <= a < len(names) and 0 <= b < len(names)) or a == b:
            return None
        return names[a], names[b]


__all__ = ["EvaluationPanel", "COMPARE_MODELS", "DIFF_COLOR"]
