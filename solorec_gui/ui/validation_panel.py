"""Validation, early stopping and ensemble options for F5, shown inside the training panel.

The widget only holds the options and shows the numbers; ``insight.py`` turns
the options into a worker job (``insight_jobs.training_job``) and feeds the
results back with :meth:`ValidationOptions.show_result`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QSpinBox, QWidget

from . import settings


class ValidationOptions(QGroupBox):
    """Hold out % (seeded with the training seed), patience, ensemble of K seeds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Validation and uncertainty"))
        self.validate_box = QCheckBox(self.tr("Hold out"))
        self.validate_box.setToolTip(self.tr(
            "Keep this share of the known ratings out of training (seeded with the training seed, at least one "
            "rating) and plot the loss on them: the validation curve shows whether the model generalises or overfits"
        ))
        self.percent = QSpinBox()
        self.percent.setRange(1, 50)
        self.percent.setSuffix(" %")
        self.percent.setToolTip(self.tr("Share of the known ratings held out for validation (at least one rating)"))
        self.patience = QSpinBox()
        self.patience.setRange(0, 1_000_000)
        self.patience.setSpecialValueText(self.tr("no early stop"))
        self.patience.setSuffix(self.tr(" epochs"))
        self.patience.setPrefix(self.tr("patience "))
        self.patience.setToolTip(self.tr(
            "Early stopping: stop after this many epochs without a better validation loss and keep the best "
            "epoch's weights (needs the holdout)"
        ))
        self.ensemble_box = QCheckBox(self.tr("Ensemble of"))
        self.ensemble_box.setToolTip(self.tr(
            "Train this many models with seeds seed, seed+1, …; the grid shows their mean, and a darker cell "
            "and the tooltip show where they disagree"
        ))
        self.members = QSpinBox()
        self.members.setRange(2, 100)
        self.members.setSuffix(self.tr(" seeds"))
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setStyleSheet("color:#303030;")

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.validate_box, 0, 0)
        grid.addWidget(self.percent, 0, 1)
        grid.addWidget(self.patience, 0, 2)
        grid.addWidget(self.ensemble_box, 1, 0)
        grid.addWidget(self.members, 1, 1)
        grid.addWidget(self.result, 2, 0, 1, 3)
        self.result.setVisible(False)

        self.validate_box.setChecked(settings.read("validation/enabled"))
        self.percent.setValue(max(1, min(50, settings.read("validation/percent"))))
        self.patience.setValue(max(0, settings.read("validation/patience")))
        self.ensemble_box.setChecked(settings.read("ensemble/enabled"))
        self.members.setValue(max(2, min(100, settings.read("ensemble/k"))))
        self.validate_box.toggled.connect(self._update_enabled)
        self.ensemble_box.toggled.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        on = self.validate_box.isChecked()
        self.percent.setEnabled(on)
        self.patience.setEnabled(on)
        self.members.setEnabled(self.ensemble_box.isChecked())

    # -- options -----------------------------------------------------------------
    def options(self) -> dict[str, Any]:
        """``holdout_percent``, ``patience``, ``ensemble`` for ``training_job`` (None = off)."""
        validate = self.validate_box.isChecked()
        return {
            "holdout_percent": self.percent.value() if validate else None,
            "patience": (self.patience.value() or None) if validate else None,
            "ensemble": self.members.value() if self.ensemble_box.isChecked() else None,
        }

    def set_options(self, holdout_percent: int | None = None, patience: int | None = None, ensemble: int | None = None) -> None:
        self.validate_box.setChecked(bool(holdout_percent))
        if holdout_percent:
            self.percent.setValue(int(holdout_percent))
        self.patience.setValue(int(patience or 0))
        self.ensemble_box.setChecked(bool(ensemble))
        if ensemble:
            self.members.setValue(int(ensemble))

    def save(self) -> None:
        settings.write("validation/enabled", self.validate_box.isChecked())
        settings.write("validation/percent", self.percent.value())
        settings.write("validation/patience", self.patience.value())
        settings.write("ensemble/enabled", self.ensemble_box.isChecked())
        settings.write("ensemble/k", self.members.value())

    # -- results -----------------------------------------------------------------
    def clear_result(self) -> None:
        self.result.setText("")
        self.result.setVisible(False)

    def show_result(self, outcome: Any, max_spread: float | None = None) -> str:
        """Train/validation RMSE and MAE (and the ensemble's spread) when training ends; returns the text."""
        lines = []
        tr = getattr(outcome, "train_errors", None)
        va = getattr(outcome, "valid_errors", None)
        if tr is not None and va is not None:
            lines.append(self.tr("Train RMSE {0:.3f} · MAE {1:.3f} ({2} ratings)").format(tr[0], tr[1], tr[2]))
            lines.append(self.tr("Validation RMSE {0:.3f} · MAE {1:.3f} ({2} held out)").format(va[0], va[1], va[2]))
            if getattr(outcome, "patience", None) and getattr(outcome, "best_epoch", None):
                lines.append(self.tr("Early stopping kept epoch {0} of {1}").format(outcome.best_epoch, len(outcome.history)))
        if max_spread is not None:
            lines.append(self.tr(
                "Ensemble of {k} seeds: the grid shows their mean; the spread (sd) of a "
                "predicted cell reaches {s:.3f}; darker = the models disagree more").format(k=outcome.members, s=max_spread))
        text = "\n".join(lines)
        self.result.setText(text)
        self.result.setVisible(bool(text))
        return text


__all__ = ["ValidationOptions"]
