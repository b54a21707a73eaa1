"""File › Export completed…, File › Export as Python script…, and the window's other file questions.

Export completed: decimals, the 'for Excel' BOM, the layout, titles instead of ids; a name ending in
``.xlsx`` (or the "Excel workbook" filter) writes a workbook whose predicted cells are styled (the
engine's ``export_completed``). Export as Python script: the engine's ``training_script`` for the
model and settings shown (MF and NN, the lecture's; others get a clear message). Open: which sheet
of a workbook with several. Save and export dialogs start in the user's documents folder when the
document is the bundled example (its folder is inside the installation) or has no file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget


class ExportDialog(QDialog):
    """The export's options; ``titles_available``: item names were loaded (File › Load item names…)."""

    def __init__(self, decimals: int, bom: bool, parent: QWidget | None = None, *, titles_available: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export completed ratings"))
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
    start = save_start_folder(document) / f"{stem}-completed.csv"
    csv_filter = QCoreApplication.translate("ExportDialog", "CSV files (*.csv)")
    xlsx_filter = QCoreApplication.translate("ExportDialog", "Excel workbook, predicted cells styled (*.xlsx)")
    path, chosen = QFileDialog.getSaveFileName(parent, QCoreApplication.translate(
        "ExportDialog", "Export completed ratings"), str(start), f"{csv_filter};;{xlsx_filter}")
    if not path:
        return False
    return export_to(export_path(path, chosen == xlsx_filter), **dialog.options())


# ------------------------------------------------------------------ a table too large to complete
def offer_other_exports(parent: QWidget, document, top_n_action, chosen_users_action) -> str:
    """Export completed of a sparse table is refused: say why, and offer the top-N export and the
    predictions for chosen users instead. Returns "top-n", "users" or "" (closed); the chosen action runs."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("ExportDialog", "The completed table is too large"),
                      document.dense_export_refusal(), QMessageBox.StandardButton.Cancel, parent)
    top = box.addButton(QCoreApplication.translate("ExportDialog", "Export top-N recommendations…"),
                        QMessageBox.ButtonRole.AcceptRole)
    users = box.addButton(QCoreApplication.translate("ExportDialog", "Export predictions for chosen users…"),
                          QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is top:
        top_n_action.trigger()
        return "top-n"
    if clicked is users:
        chosen_users_action.trigger()
        return "users"
    return ""


def parse_user_labels(text: str) -> list[str]:
    """Labels typed as ``u1, u2; u3`` (commas, semicolons or new lines), blanks dropped, order kept."""
    import re

    out: list[str] = []
    for part in re.split(r"[,;\n]", text):
        label = part.strip()
        if label and label not in out:
            out.append(label)
    return out


def export_chosen_users(document, labels: list[str], path, decimals: int = 2, bom: bool = False) -> int:
    """Write every item of the chosen users as ``user,item,rating,is_predicted`` lines (the engine's long
    export of a small table made of their rows): their ratings, and the model's predictions for the rest.
    Works at any size (a sparse table's predictions come from ``predict_rows``). Returns the lines written;
    raises SoloRecError naming an unknown user or when nothing is trained."""
    import numpy as np

    from ..core.data import RatingMatrix, export_completed
    from ..core.errors import SoloRecError

    m = document.matrix
    if not labels:
        raise SoloRecError(QCoreApplication.translate("ExportDialog", "name at least one user"))
    index = {label: k for k, label in enumerate(m.users)}
    missing = [label for label in labels if label not in index]
    if missing:
        raise SoloRecError(QCoreApplication.translate("ExportDialog", "no user is called {0}").format(
            ", ".join(repr(x) for x in missing[:5])))
    rows = np.array([index[label] for label in labels], dtype=np.int64)
    if m.is_dense:
        predictions = document.predictions
        if predictions is None:
            raise SoloRecError(QCoreApplication.translate(
                "ExportDialog", "train a model first (F5): the export fills missing cells with its predictions"))
        block = np.asarray(predictions, dtype=np.float64)[rows]
        values = np.array(m.values[rows], dtype=np.float64)
    else:
        model = document.predictor()
        if model is None:
            raise SoloRecError(QCoreApplication.translate(
                "ExportDialog", "train a model first (F5): the export fills missing cells with its predictions"))
        block = np.asarray(model.predict_rows(rows), dtype=np.float64)
        values = np.vstack([m.block(int(r), int(r) + 1, 0, m.n_items) for r in rows])
    small = RatingMatrix([m.users[int(r)] for r in rows], list(m.items), values, scale=m.scale, corner=m.corner,
                         source=dict(m.source or {}))
    export_completed(small, block, path, decimals=decimals, bom=bom, layout="long")
    return len(rows) * m.n_items


def export_chosen_users_interactively(parent: QWidget, document, current_row: int, status) -> bool:
    """File › Export predictions for chosen users…: which users (the grid's current one suggested), the file."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

    from ..core.errors import SoloRecError
    from . import settings

    m = document.matrix
    suggestion = m.users[current_row] if 0 <= current_row < m.n_users else (m.users[0] if m.n_users else "")
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("ExportDialog", "Export predictions for chosen users"),
        QCoreApplication.translate(
            "ExportDialog", "Users (labels separated by commas); every item of each is written, {0} lines per "
            "user:").format(f"{m.n_items:,}"), text=suggestion)
    if not ok:
        return False
    labels = parse_user_labels(text)
    stem = document.path.stem if document.path else "ratings"
    start = save_start_folder(document) / f"{stem}-users-long.csv"
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate(
        "ExportDialog", "Export predictions for chosen users"), str(start),
        QCoreApplication.translate("ExportDialog", "CSV files (*.csv)"))
    if not path:
        return False
    from PySide6.QtCore import Qt

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        n = export_chosen_users(document, labels, path, settings.read("export/decimals"), settings.read("export/bom"))
    except SoloRecError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, QCoreApplication.translate("ExportDialog", "Cannot export"), str(exc))
        return False
    QApplication.restoreOverrideCursor()
    status(QCoreApplication.translate("ExportDialog", "Exported {n} lines for {k} users to {name}").format(
        n=f"{n:,}", k=len(labels), name=Path(path).name), 8000)
    return True


def export_path(path: str, workbook_chosen: bool) -> str:
    """The name to write: the Excel filter turns a name ending in .csv (or none) into .xlsx."""
    from pathlib import Path

    p = Path(path)
    if workbook_chosen and p.suffix.lower() != ".xlsx":
        return str(p.with_suffix(".xlsx") if p.suffix.lower() in ("", ".csv") else p.with_name(p.name + ".xlsx"))
    return path


def save_start_folder(document):
    """Where save and export dialogs start: the documents folder for the bundled example or no file,
    else the last folder used (or the file's own)."""
    from pathlib import Path

    from ..paths import bundled_dataset
    from . import settings
    from .help import documents_folder

    path = document.path
    if path is None or Path(path).resolve() == bundled_dataset().resolve():
        return documents_folder()
    last = settings.read("file/last_dir")
    return Path(last) if last and Path(last).is_dir() else Path(path).parent


#: ask_sheet reads every sheet of a workbook up to this size to offer only those holding ratings.
MAX_SHEETS_TRIED = 12
MAX_BYTES_TRIED = 2_000_000


def ask_sheet(parent: QWidget, path):
    """The sheet to read when ``path`` is a workbook with several; None for one sheet or a text file,
    False when the user cancels. Tests replace the window's ``ask_sheet``."""
    from PySide6.QtWidgets import QInputDialog

    from ..core.data import workbook_sheets
    from ..core.data.workbook import is_workbook
    from ..core.errors import SoloRecError

    if not is_workbook(path):
        return None
    try:
        sheets = workbook_sheets(path)
    except SoloRecError:
        return None  # the reader says what is wrong
    if len(sheets) <= 1:
        return None
    from pathlib import Path

    if len(sheets) <= MAX_SHEETS_TRIED and Path(path).stat().st_size <= MAX_BYTES_TRIED:
        # A small workbook: offer only the sheets that read as ratings (a SoloRec export's "About" sheet,
        # notes, charts are left out); one such sheet is simply opened.
        from ..core.data import read_ratings

        readable = []
        for name in sheets:
            try:
                read_ratings(path, sheet=name)
            except SoloRecError:
                continue
            readable.append(name)
        if len(readable) <= 1:
            return readable[0] if readable else None
        sheets = readable

    name, ok = QInputDialog.getItem(
        parent, QCoreApplication.translate("ExportDialog", "Choose a sheet"),
        QCoreApplication.translate("ExportDialog", "{name} has {n} sheets. Which one holds the ratings?").format(
            name=Path(path).name, n=len(sheets)), sheets, 0, False)
    return name if ok else False


def export_script_interactively(parent: QWidget, document, panel) -> bool:
    """File › Export as Python script…: the lecture's PyTorch code for the model and settings shown."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ..core.errors import SoloRecError
    from ..core.script import SCRIPT_MODELS

    def refuse(text: str) -> bool:
        QMessageBox.information(parent, QCoreApplication.translate("ExportDialog", "Export as Python script"), text)
        return False

    try:
        spec = panel.spec()
    except SoloRecError as exc:
        return refuse(str(exc))
    if spec.model not in SCRIPT_MODELS:
        return refuse(QCoreApplication.translate(
            "ExportDialog", "A script can be exported for the lecture's models, MF and NN. Choose one of them in "
            "the training panel; this model has no script of its own."))
    if document.path is None or document.is_modified:
        return refuse(QCoreApplication.translate(
            "ExportDialog", "The script reads the ratings from their file: save the ratings first (File › Save), "
            "then export the script."))
    source = document.matrix.source or {}
    start = save_start_folder(document) / f"{Path(document.path).stem}-{spec.model}.py"
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ExportDialog", "Export as Python script"),
                                          str(start), QCoreApplication.translate("ExportDialog", "Python files (*.py)"))
    if not path:
        return False
    return write_script(parent, spec, document, path, source.get("sheet"))


def write_script(parent: QWidget, spec, document, path, sheet=None) -> bool:
    """Write the script to ``path``; a refusal of the engine (a file pandas would read differently) is shown."""
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from ..core.data.files import atomic_write_bytes
    from ..core.errors import SoloRecError
    from ..core.script import training_script

    try:
        text = training_script(spec, document.path, matrix=document.matrix, sheet=sheet)
        atomic_write_bytes(Path(path), text.encode("utf-8"))
    except (SoloRecError, OSError) as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("ExportDialog", "Cannot export the script"), str(exc))
        return False
    return True

__all__ = ["ExportDialog", "ask_sheet", "export_interactively", "export_path", "export_script_interactively",
           "save_start_folder", "write_script"]
