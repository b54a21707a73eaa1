"""File › Export completed CSV: decimals, the 'for Excel' BOM, the layout, titles instead of ids."""

from __future__ import annotations

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


__all__ = ["ExportDialog"]
