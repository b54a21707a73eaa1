"""File › Open Recent: the last files opened (QSettings ``file/recent``), a missing one removed with a note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu, QWidget

from . import settings


class RecentMenu(QMenu):
    """Filled when shown; picking an entry calls ``open_recent(path)``."""

    def __init__(self, title: str, open_recent: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._open_recent = open_recent
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        recent = settings.read("file/recent")
        if not recent:
            self.addAction(self.tr("(none)")).setEnabled(False)
        for k, path in enumerate(recent, 1):
            action = self.addAction(f"&{k} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(self._on_triggered)

    def _on_triggered(self) -> None:
        action = self.sender()
        if action is not None:
            self._open_recent(str(action.data()))


def forget(path: str) -> None:
    """Remove a file that no longer exists from the recent files."""
    settings.write("file/recent", [p for p in settings.read("file/recent") if p != path])


__all__ = ["RecentMenu", "forget"]
