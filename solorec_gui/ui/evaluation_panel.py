"""Cross-validation and model comparison, shown in an "Evaluate" tab.

The buttons only ask; ``insight.py`` runs the engine's ``evaluate`` /
``compare`` as jobs (``engine_jobs.crossval_job`` / ``compare_job``) and hands
the results to :meth:`EvaluationPanel.show_crossval` and
:meth:`EvaluationPanel.show_compare`. The models to compare are the registry's
(a new model file appears here by itself); each is trained with its own
settings, shown in the table; the winner is named (and bold) only when its lead
is larger than the spread between folds (the engine's ``verdict``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QWidget,
)

from ..core.models import model_classes
from . import settings

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
        self.crossval_button = QPushButton(self.tr("Cross-validate"))
        self.crossval_button.setToolTip(self.tr("Train the shown model's settings K times, each time testing on one fold"))
        self.compare_button = QPushButton(self.tr("Compare models"))
        self.compare_button.setToolTip(self.tr(
            "The ticked models on the same folds, each with its own settings (as the training panel shows them)"))
        # The models to compare: a drop-down of check marks (every registered model), compact at any count.
        self.models_button = QToolButton()
        self.models_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.models_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.models_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        menu = QMenu(self.models_button)
        self.model_boxes: dict[str, QAction] = {}
        for cls in (c for c in model_classes() if c.rates):  # RMSE needs ratings: rankers are not compared
            action = menu.addAction(self.tr((cls.display_name or cls.name).split(":")[0]))
            action.setCheckable(True)
            action.setChecked(not cls.large_data)
            action.setToolTip(self.tr(cls.description))
            action.toggled.connect(self._update_models_button)
            self.model_boxes[cls.name] = action
        menu.setToolTipsVisible(True)
        self.models_button.setMenu(menu)
        self._update_models_button()
        models = QHBoxLayout()
        models.addWidget(QLabel(self.tr("Compare:")))
        models.addWidget(self.models_button, 1)

        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setMinimumHeight(48)
        self.summary = QLabel(self._intro())
        self.summary.setWordWrap(True)

        self.diff_box = QCheckBox(self.tr("Shade the grid where"))
        self.diff_a = QComboBox()
        self.diff_b = QComboBox()
        self.diff_box.setEnabled(False)
        self.diff_box.setToolTip(self.tr("Missing cells darker where the two models' predictions differ more (trained on "
                                         "all ratings); the grid shows the first model's predictions meanwhile"))
        diff = QHBoxLayout()
        diff.addWidget(self.diff_box)
        diff.addWidget(self.diff_a)
        diff.addWidget(QLabel(self.tr("and")))
        diff.addWidget(self.diff_b)
        diff.addWidget(QLabel(self.tr("differ")))
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
        self.verdict_text = ""

    def _update_models_button(self, _checked: bool = False) -> None:
        ticked = [a.text() for a in self.model_boxes.values() if a.isChecked()]
        self.models_button.setText((", ".join(ticked) or self.tr("no model ticked")) + " ▾")
        self.models_button.setToolTip(self.tr("The models to compare; each is trained with its own settings"))

    def _intro(self) -> str:
        return self.tr("Cross-validate the shown model's settings, or compare models on the same folds, each with "
                       "its own settings.")

    def set_default_models(self, names: Sequence[str]) -> None:
        """Tick these models (a newly opened file: the ones meant for its size)."""
        for name, box in self.model_boxes.items():
            box.setChecked(name in names)

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
        self.verdict_text = ""
        self.diff_box.setChecked(False)
        self.diff_box.setEnabled(False)
        self.diff_label.setText("")
        self.summary.setText(self._intro())

    # -- tables ----------------------------------------------------------------------
    def _set_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], bold_last: bool = False,
                   bold_row: int | None = None) -> None:
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
                if (bold_last and r == len(rows) - 1) or r == bold_row:
                    cell.setFont(bold)
                    cell.setBackground(QBrush(QColor("#eef3fb")))
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def show_crossval(self, result, model: str = "", settings_text: str = "") -> None:
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
        headers = [self.tr("fold"), "RMSE", "MAE", self.tr("train RMSE"), self.tr("train"), self.tr("test"),
                   self.tr("epochs"), self.tr("seconds")]
        self._set_table(headers, rows, bold_last=True)
        model = model or result.spec.model
        text = self.tr(
            "{model} ({settings}), {k}-fold cross-validation (seed {seed}): held-out RMSE {r:.3f} ± {rsd:.3f}, "
            "MAE {m:.3f} ± {msd:.3f}; on its own training ratings RMSE {tr:.3f}.").format(
                model=model, settings=settings_text or result.spec.summary(), k=len(result.folds), seed=result.seed,
                r=result.rmse_mean, rsd=result.rmse_sd, m=result.mae_mean, msd=result.mae_sd, tr=result.train_rmse)
        if result.rmse_mean > 2 * result.train_rmse + 0.05:
            text += " " + self.tr("The gap between the two is what overfitting looks like.")
        self.summary.setText(text)

    def show_compare(self, outcome, names: dict[str, str] | None = None) -> None:
        """The comparison table (engine ``CompareRow``s with each model's settings), the verdict,
        and the models for the difference view; ``names``: model → the name to show."""
        names = names or {}
        self.last_compare = outcome
        shown = [names.get(row.model, row.model) for row in outcome.rows]
        rows = [
            [label, row.settings, f"{_fmt(row.rmse)} ± {_fmt(row.rmse_sd)}", f"{_fmt(row.mae)} ± {_fmt(row.mae_sd)}",
             _fmt(row.result.train_rmse), f"{row.seconds:.2f}"]
            for label, row in zip(shown, outcome.rows)
        ]
        verdict = outcome.verdict
        winner = None if verdict is None else verdict.winner
        bold = next((k for k, row in enumerate(outcome.rows) if row.model == winner), None)
        headers = [self.tr("model"), self.tr("settings (each model its own)"), self.tr("RMSE (mean ± sd)"),
                   self.tr("MAE (mean ± sd)"), self.tr("train RMSE"), self.tr("seconds")]
        self._set_table(headers, rows, bold_row=bold)
        self.verdict_text = self._verdict_text(outcome, names)
        self.summary.setText(self.tr(
            "{folds} folds, the same for every model; each model trained with its own settings. {verdict} "
            "Seconds = total training time over the folds.").format(folds=outcome.folds, verdict=self.verdict_text))
        models = list(outcome.predictions)
        for combo, pick in ((self.diff_a, 0), (self.diff_b, 1)):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([names.get(n, n) for n in models])
            combo.setProperty("names", models)
            index = combo.findText(current)
            combo.setCurrentIndex(index if index >= 0 else min(pick, len(models) - 1))
            combo.blockSignals(False)
        self.diff_box.setEnabled(len(models) >= 2)
        if self.diff_box.isChecked():
            self.diffToggled.emit(True)

    def _verdict_text(self, outcome, names: dict[str, str]) -> str:
        """The engine's verdict in words: a winner only when its lead exceeds the spread between folds."""
        v = outcome.verdict
        ranked = sorted((r for r in outcome.rows if math.isfinite(r.rmse)), key=lambda r: r.rmse)
        if v is None or not ranked:
            return self.tr("No model produced a result.")
        if len(ranked) == 1:
            return self.tr("{0}: RMSE {1:.4f}.").format(names.get(ranked[0].model, ranked[0].model), ranked[0].rmse)
        best, second = names.get(ranked[0].model, ranked[0].model), names.get(ranked[1].model, ranked[1].model)
        if v.winner is not None:
            return self.tr("Winner: {best}, its RMSE is {lead:.4f} lower than {second}'s, more than the spread "
                           "between folds ({spread:.4f}).").format(best=best, second=second, lead=v.lead, spread=v.spread)
        return self.tr("No clear winner: {best} is ahead of {second} by {lead:.4f}, less than the spread between "
                       "folds ({spread:.4f}).").format(best=best, second=second, lead=v.lead, spread=v.spread)

    def diff_models(self) -> tuple[str, str] | None:
        names = self.diff_a.property("names") or []
        a, b = self.diff_a.currentIndex(), self.diff_b.currentIndex()
        if not (0 <= a < len(names) and 0 <= b < len(names)) or a == b:
            return None
        return names[a], names[b]


__all__ = ["DIFF_COLOR", "EvaluationPanel"]
