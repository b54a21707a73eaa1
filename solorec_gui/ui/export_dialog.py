"""File › Export completed CSV: decimals, the 'for Excel' BOM, the layout, titles instead of ids."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget


class ExportDialog(QDialog):
    """The export's options; ``titles_available``: item names were loaded (File › Load item names…)."""

    def __init__(self, decimals: int, bom: bool, parent: QWidget | None = None, *, titles_available: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export completed CSV"))
        self.decimals = QSpinBox()
        self.decimals.setRange(0, 8)
        self.decimals.setValue(decimals)
        self.decimals.setToolTip(self.tr("Predictions are rounded to this many decimals; known ratings are written unchanged"))
        self.bom = QCheckBox(self.tr("For Excel (UTF-8 with BOM, so Korean labels open correctly)"))
        self.bom.setChecked(bom)
        self.layout_combo = QComboBox()
        self.layout_combo.addItem(self.tr("Wide: one row per user, like the input"), "wide")
        self.layout_combo.addItem(self.tr("Long: user, item, rating, is_predicted"), "long")
        self.titles = QCheckBox(self.tr("Item labels: titles instead of ids"))
        self.titles.setEnabled(titles_available)
        self.titles.setChecked(False)
        self.titles.setToolTip(
            self.tr("Write the loaded titles as the item labels (a title shared by two items gets its id appended)")
            if titles_available
            else self.tr("Load item names first (File › Load item names…)")
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Decimals of predictions:"), self.decimals)
        form.addRow(self.tr("Layout:"), self.layout_combo)
        form.addRow(self.bom)
        form.addRow(self.titles)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self) -> dict:
        """``decimals``, ``bom``, ``layout``, ``titles`` for the window's ``export_to``."""
        return {
            "decimals": self.decimals.value(),
            "bom": self.bom.isChecked(),
            "layout": self.layout_combo.currentData(),
            "titles": self.titles.isChecked(),
        }





def export_interactively(parent: QWidget, document, titles_available: bool, export_to) -> bool:
    """File › Export completed CSV: the confirmations (stale, not trustworthy), the options, the file name."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from . import settings

    if document.predictions is None:
        return export_to("")  # says why: train a model first
    for condition, title, text in (
        (document.model.stale, QCoreApplication.translate("ExportDialog", "Predictions are stale"),
         QCoreApplication.translate(
             "ExportDialog", "The ratings changed since the model was trained. Export these predictions anyway?\n"
                   "(Retrain with F5 for predictions from the current ratings.)")),
        (bool(getattr(document.outcome, "warning", None)), QCoreApplication.translate(
            "ExportDialog", "Predictions are not trustworthy"),
         QCoreApplication.translate(
             "ExportDialog", "This model does worse than predicting every rating with the mean. Export its predictions anyway?")),
    ):
        if condition and QMessageBox.question(parent, title, text) != QMessageBox.StandardButton.Yes:
            return False
    dialog = ExportDialog(settings.read("export/decimals"), settings.read("export/bom"), parent,
                          titles_available=titles_available)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    stem = document.path.stem if document.path else "ratings"
    start = Path(settings.read("file/last_dir") or Path.home()) / f"{stem}-completed.csv"
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate(
        "ExportDialog", "Export completed CSV"), str(start),
                                          QCoreApplication.translate("ExportDialog", "CSV files (*.csv)"))
    return bool(path) and export_to(path, **dialog.options())

__all__ = ["ExportDialog", "export_interactively"]
