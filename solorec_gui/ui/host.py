"""What a feature of the window may use: a small, typed interface instead of the whole window.

The training flow, the "Is the model right?" panels, model files, item names
and crash recovery each receive one :class:`Host`. It names everything they
touch — the document, the job controller, the training panel, the loss plot,
the grid — and the few window services they call (status line, error dialog,
tabs, File-menu actions, opening a file). Nothing else of ``MainWindow`` is
reachable from a feature, so the window stays a composition and a feature can
be tested with any object that has these attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QTabWidget, QWidget

    from .document import Document
    from .grid_view import GridView
    from .jobs import JobController
    from .loss_plot import LossPlot
    from .training_panel import TrainingPanel


@dataclass
class Host:
    """See the module docstring."""

    document: Document
    jobs: JobController
    panel: TrainingPanel
    plot: LossPlot
    grid: GridView
    tabs: QTabWidget
    #: The parent of dialogs (the main window).
    widget: QWidget
    #: File-menu actions of features go before this one (Quit).
    file_menu: QMenu
    menu_anchor: QAction
    #: A message in the status bar for ``ms`` milliseconds.
    status: Callable[[str, int], None]
    #: A non-modal warning dialog (title, message); also in the status bar.
    error: Callable[[str, str], None]
    #: Open a rating file as the document (dialogs for errors, locks and unsaved edits included).
    open_file: Callable[[str | Path], bool]
    #: Ask to save unsaved edits before ``reason``; True when it is fine to drop them.
    maybe_save: Callable[[str], bool]

    def add_tab(self, widget: QWidget, title: str) -> int:
        return self.tabs.addTab(widget, title)

    def add_file_action(self, action: QAction, separator: bool = False) -> None:
        self.file_menu.insertAction(self.menu_anchor, action)
        if separator:
            self.file_menu.insertSeparator(self.menu_anchor)


__all__ = ["Host"]
