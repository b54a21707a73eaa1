"""Help: Keyboard shortcuts (a table generated from the window's actions), the Guide, plot images.

The shortcut table is built from the actions the window has when it is opened, so an action added
later (by any panel) is listed without touching this file. The Guide maps the lecture's steps to
the window; its pictures are taken from the running window itself (``QWidget.grab``), so they show
the user's own language, theme and data and never go stale. :func:`export_plot_image` is the
"Export image…" button every plot carries: PNG or SVG with pyqtgraph's exporters.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def documents_folder() -> Path:
    """The user's documents folder (home when the platform has none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, in menu text without the & marks; no repeats."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")
        if not keys or not name or name in seen:
            continue
        seen.add(name)
        rows.append((name, ", ".join(keys)))
    return rows


def _window_actions(window: QWidget) -> list[QAction]:
    actions = list(window.actions())
    for action in window.findChildren(QAction):
        if action not in actions:
            actions.append(action)
    return actions


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(_window_actions(window))
        rows += [
            (self.tr("Edit the selected cell"), self.tr("type a number, or F2")),
            (self.tr("Commit and move down"), self.tr("Enter")),
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        for r, (name, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, min(640, 80 + 28 * len(rows)))

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]


def _picture(widget: QWidget | None, width: int = 420) -> QImage | None:
    if widget is None or widget.width() < 10 or widget.height() < 10:
        return None
    image = widget.grab().toImage()
    return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation) if image.width() > width else image


class GuideDialog(QDialog):
    """Help › Guide: the lecture's steps, each with where it happens in the window and a picture of it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        doc = self.browser.document()
        steps = [
            ("grid", getattr(window, "grid", None), self.tr("1. The rating matrix"), self.tr(
                "The lecture starts from a table: users in rows, items in columns, some ratings missing. "
                "The grid shows it; double-click or type to change a rating, Delete makes a cell missing. "
                "File › Open reads CSV files and workbooks (.xlsx, .ods).")),
            ("panel", getattr(window, "panel", None), self.tr("2. The model and its settings"), self.tr(
                "Choose the model (MF, the lecture's matrix factorisation, or NN) and its settings: the embedding "
                "dimension, the epochs, the learning rate. Every model starts from the lecture's values.")),
            ("loss", getattr(window, "loss_plot", None), self.tr("3. Training"), self.tr(
                "F5 trains: the loss (the mean squared error over the known ratings) falls epoch by epoch. "
                "Esc stops. Validation, in the panel, holds out some ratings to see whether the model "
                "generalises.")),
            ("grid2", None, self.tr("4. Predictions"), self.tr(
                "The missing cells fill with predictions, in italics on a blue background. After an edit they "
                "turn stale (orange) until you train again.")),
            ("tabs", getattr(window, "tabs", None), self.tr("5. Evaluate, map, recommend"), self.tr(
                "The tabs compare models with cross-validation, draw the embeddings as a map, and list "
                "recommendations per user.")),
            ("export", None, self.tr("6. Export"), self.tr(
                "File › Export completed… writes the ratings with the predictions (CSV, or an Excel workbook with "
                "the predicted cells styled); File › Export as Python script… writes the lecture's PyTorch code "
                "for the current model and settings.")),
        ]
        html = [f"<h2>{self.tr('SoloRec and the lecture')}</h2>"]
        for key, widget, title, text in steps:
            html.append(f"<h3>{title}</h3><p>{text}</p>")
            image = _picture(widget)
            if image is not None:
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"guide://{key}.png"), image)
                html.append(f'<p><img src="guide://{key}.png"></p>')
        html.append(f"<p>{self.tr('Help › Keyboard shortcuts lists every key.')}</p>")
        self.browser.setHtml("".join(html))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 640)


def show_shortcuts(window: QWidget) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_guide(window: QWidget) -> GuideDialog:
    dialog = GuideDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


# ------------------------------------------------------------------ plot images
def write_plot_image(plot_item, path: str | Path) -> Path:
    """Write ``plot_item`` (a pyqtgraph PlotItem) as PNG or SVG, chosen by the suffix (PNG otherwise)."""
    import pyqtgraph.exporters as exporters

    path = Path(path)
    if path.suffix.lower() == ".svg":
        try:
            exporters.SVGExporter(plot_item).export(str(path))
        except ValueError:
            # pyqtgraph's SVG exporter trips over some paths (an empty curve: "not enough values to
            # unpack"); Qt's SVG generator draws the same scene, only less tidy.
            _qt_svg(plot_item, path)
        return path
    else:
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        exporter = exporters.ImageExporter(plot_item)
        exporter.parameters()["width"] = max(800, int(plot_item.sceneBoundingRect().width()) * 2)
    exporter.export(str(path))
    return path


def _qt_svg(plot_item, path: Path) -> None:
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    rect = plot_item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    painter = QPainter(generator)
    try:
        plot_item.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()


def export_image_button(parent: QWidget, plot_widget, stem: str) -> QPushButton:
    """An "Export image…" button that saves ``plot_widget``'s plot as PNG or SVG."""
    button = QPushButton(QCoreApplication.translate("Help", "Export image…"), parent)
    button.setToolTip(QCoreApplication.translate("Help", "Save this plot as a PNG picture or an SVG drawing"))

    def ask() -> None:
        from . import settings

        start = Path(settings.read("file/last_dir") or documents_folder()) / f"{stem}.png"
        path, chosen = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("Help", "Export image"), str(start),
            QCoreApplication.translate("Help", "PNG image (*.png);;SVG drawing (*.svg)"))
        if not path:
            return
        if not Path(path).suffix and "svg" in chosen.lower():
            path += ".svg"
        write_plot_image(plot_widget.getPlotItem(), path)

    button.clicked.connect(ask)
    return button


__all__ = ["GuideDialog", "ShortcutsDialog", "export_image_button", "show_guide", "show_shortcuts",
           "shortcut_rows", "write_plot_image", "documents_folder"]
