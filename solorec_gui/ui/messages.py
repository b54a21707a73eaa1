"""The window's questions and notes: a file another SoloRec owns, unsaved edits, About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import __version__
from ..core.models import model_classes


def _tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def ask_locked(parent: QWidget, path: Path, owner: str) -> str:
    """'read-only', 'copy' or 'cancel' for a file another SoloRec window owns."""
    box = QMessageBox(
        QMessageBox.Icon.Information, QCoreApplication.translate("Messages", "The file is open in another window"),
        QCoreApplication.translate(
            "Messages", "{name} is open in {owner}, which may save it. Open it read-only (look and train, no edits), "
            "or as an untitled copy you can edit and save elsewhere?").format(name=path.name, owner=owner),
        parent=parent)
    read_only = box.addButton(QCoreApplication.translate(
        "Messages", "Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton(QCoreApplication.translate("Messages", "Open a copy"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "read-only" if clicked is read_only else "copy" if clicked is copy else "cancel"


def ask_unsaved(parent: QWidget, name: str, reason: str) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel before ``reason`` ("closing", "opening another file")."""
    return QMessageBox.question(
        parent, QCoreApplication.translate("Messages", "Unsaved edits"),
        QCoreApplication.translate(
            "Messages", "{name} has unsaved edits. Save them before {reason}?").format(name=name, reason=reason),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )


def show_about(parent: QWidget) -> None:
    """Help › About: what SoloRec does and every registered model."""
    models = "".join(
        f"<li><b>{(c.display_name or c.name).split(':')[0]}</b>: {_tr(c.description)}</li>" for c in model_classes())
    QMessageBox.about(parent, QCoreApplication.translate(
        "Messages", "About SoloRec"), f"<h3>SoloRec {__version__}</h3>" + QCoreApplication.translate("Messages", 
        "<p>Completes a rating matrix (users × items, some cells missing) with embedding-based recommenders "
        "trained in PyTorch, as in the deep-learning lecture.</p>") + f"<ul>{models}</ul>" + QCoreApplication.translate(
            "Messages", 
        "<p>Known ratings are shown as they are; predicted cells are in <i>italics</i> on a blue background. "
        "The loss is the mean squared error over the known ratings.</p>"))


__all__ = ["ask_locked", "ask_unsaved", "show_about"]
