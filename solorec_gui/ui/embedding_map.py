"""The embedding map: users and items as points in the model's embedding space (pyqtgraph).

Points come from the engine (``core.analysis.embedding_points``: dim 2 shown
directly, higher dims projected with PCA). Users are circles, items triangles,
their names in blue and orange beside the points (up to ``MAX_LABELS`` points;
beyond that names show on hover only). With MBTI-tagged labels such as
``옥순(IN)`` the fill colour shows the group, so one sees the groups gather
while a model trains.

While training, the worker leaves fresh points in a
:class:`~.insight_jobs.LiveEmbeddings` box (numbers, not the model); a GUI
timer takes them every ``REDRAW_MS``, so redraws are bounded however fast the
epochs are. Hovering a point shows its name; clicking it emits
``userClicked(row)`` / ``itemClicked(column)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import settings

REDRAW_MS = 150
MAX_LABELS = 150
USER_COLOR = "#1d55b3"
ITEM_COLOR = "#c25400"
#: Fill colours of MBTI groups (first letters of the tag), colour-blind-friendly-ish.
GROUP_COLORS = {
    "IN": "#8e44ad",
    "IS": "#27ae60",
    "EN": "#e74c3c",
    "ES": "#f1c40f",
    "I": "#95a5a6",
    "E": "#7f8c8d",
}
OTHER_GROUP = "#bdc3c7"


class EmbeddingMap(QWidget):
    """Scatter of user and item embeddings; see the module docstring."""

    userClicked = Signal(int)
    itemClicked = Signal(int)
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMinimumHeight(120)
        item = self.plot_widget.getPlotItem()
        item.setLabel("bottom", "dimension 1")
        item.setLabel("left", "dimension 2")
        item.setAspectLocked(False)
        self.legend = item.addLegend(offset=(-10, 10))
        common = {"size": 12, "hoverable": True, "tip": self._tip, "hoverSize": 16, "pxMode": True}
        self.users_item = pg.ScatterPlotItem(symbol="o", name="users (rows)", pen=pg.mkPen(USER_COLOR, width=2),
                                             brush=pg.mkBrush(USER_COLOR), **common)
        self.items_item = pg.ScatterPlotItem(symbol="t", name="items (columns)", pen=pg.mkPen(ITEM_COLOR, width=2),
                                             brush=pg.mkBrush(ITEM_COLOR), **common)
        for scatter in (self.users_item, self.items_item):
            item.addItem(scatter)
            scatter.sigClicked.connect(self._on_clicked)
        self._user_labels: list[str] = []
        self._item_labels: list[str] = []
        self._text_items: list[pg.TextItem] = []
        self._users_xy = np.zeros((0, 2))
        self._items_xy = np.zeros((0, 2))
        self._groups: tuple[list[str | None], list[str | None]] | None = None
        self._group_legend: list[pg.ScatterPlotItem] = []
        self._style_key: tuple | None = None
        self._style: list = []
        self.redraws = 0
        self.epoch: int | None = None

        self.labels_box = QCheckBox("Names")
        self.labels_box.setChecked(True)
        self.labels_box.toggled.connect(self._update_text_visibility)
        self.groups_box = QCheckBox("Colour by MBTI group")
        self.groups_box.setChecked(settings.read("map/color_groups"))
        self.groups_box.toggled.connect(self._on_groups_toggled)
        self.export_button = QPushButton("Export for Projector…")
        self.export_button.setToolTip(
            "Write the embeddings as TSV vectors plus a metadata TSV, the files the TensorFlow Embedding "
            "Projector (projector.tensorflow.org) loads"
        )
        self.export_button.clicked.connect(self.exportRequested)
        self.export_button.setEnabled(False)
        self.caption = QLabel("Train a model (F5) to see its embeddings")
        self.caption.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.labels_box)
        bar.addWidget(self.groups_box)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.caption)
        layout.addLayout(bar)

        self._live = None
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._poll)

    # -- data ------------------------------------------------------------------
    def set_labels(self, users: Sequence[str], items: Sequence[str]) -> None:
        """A new matrix: remember its names, forget the points."""
        self._user_labels = [str(u) for u in users]
        self._item_labels = [str(i) for i in items]
        self._groups = None
        self._style_key = None
        for text in self._text_items:
            self.plot_widget.removeItem(text)
        self._text_items = []
        if len(self._user_labels) + len(self._item_labels) <= MAX_LABELS:
            font = QFont()
            font.setPointSize(9)
            for kind, labels in (("user", self._user_labels), ("item", self._item_labels)):
                for label in labels:
                    text = pg.TextItem(label, color=USER_COLOR if kind == "user" else ITEM_COLOR, anchor=(-0.12, 0.5))
                    text.setFont(font)
                    text.setVisible(False)
                    self.plot_widget.addItem(text, ignoreBounds=True)
                    self._text_items.append(text)
        self.clear()

    def clear(self, message: str = "Train a model (F5) to see its embeddings") -> None:
        self._users_xy = np.zeros((0, 2))
        self._items_xy = np.zeros((0, 2))
        self.users_item.setData([], [])
        self.items_item.setData([], [])
        for text in self._text_items:
            text.setVisible(False)
        self.epoch = None
        self.caption.setText(message)
        self.export_button.setEnabled(False)

    def _group_of(self) -> tuple[list[str | None], list[str | None]]:
        if self._groups is None:
            from ..core.analysis import mbti_group  # torch is loaded once there are points to draw

            self._groups = ([mbti_group(u) for u in self._user_labels], [mbti_group(i) for i in self._item_labels])
            has = any(g for g in self._groups[0] + self._groups[1])
            self.groups_box.setVisible(has)
        return self._groups

    def set_points(self, users_xy: np.ndarray, items_xy: np.ndarray, explained=None, epoch: int | None = None,
                   note: str = "") -> None:
        """Draw the points (engine's ``embedding_points`` output)."""
        users_xy = np.asarray(users_xy, dtype=float).reshape(-1, 2)
        items_xy = np.asarray(items_xy, dtype=float).reshape(-1, 2)
        if len(users_xy) != len(self._user_labels) or len(items_xy) != len(self._item_labels):
            return  # points of another matrix (a late update after opening a file)
        self._users_xy, self._items_xy = users_xy, items_xy
        self.epoch = epoch
        user_groups, item_groups = self._group_of()
        color_groups = self.groups_box.isChecked() and any(g for g in user_groups + item_groups)
        if self._style_key != (color_groups, len(users_xy), len(items_xy)):
            # Brushes, point data and the legend change only with the colouring, not every epoch.
            self._style_key = (color_groups, len(users_xy), len(items_xy))
            self._style = []
            for groups, kind, color in ((user_groups, "user", USER_COLOR), (item_groups, "item", ITEM_COLOR)):
                if color_groups:
                    cache = {g: pg.mkBrush(GROUP_COLORS.get(g, OTHER_GROUP) if g else OTHER_GROUP) for g in set(groups)}
                    brushes = [cache[g] for g in groups]
                else:
                    brushes = pg.mkBrush(color)
                self._style.append((brushes, [(kind, k) for k in range(len(groups))]))
            self._update_group_legend(color_groups)
        for scatter, xy, (brushes, data) in zip((self.users_item, self.items_item), (users_xy, items_xy), self._style):
            scatter.setData(pos=xy, data=data, brush=brushes)
        for text, (x, y) in zip(self._text_items, np.vstack([users_xy, items_xy])):
            text.setPos(float(x), float(y))
        self._update_text_visibility()
        parts = []
        if epoch is not None:
            parts.append(f"epoch {epoch}")
        if explained is not None:
            parts.append(f"axes explain {explained[0]:.0%} and {explained[1]:.0%} of the spread")
        if note:
            parts.append(note)
        self.caption.setText(" · ".join(parts))
        self.export_button.setEnabled(True)
        self.redraws += 1

    def _update_text_visibility(self) -> None:
        on = self.labels_box.isChecked() and len(self._users_xy) > 0
        for text in self._text_items:
            if text.isVisible() != on:
                text.setVisible(on)

    def _update_group_legend(self, on: bool) -> None:
        for entry in self._group_legend:
            self.legend.removeItem(entry)
        self._group_legend = []
        if not on or self._groups is None:
            return
        present = sorted({g for g in self._groups[0] + self._groups[1] if g})
        for g in present:
            entry = pg.ScatterPlotItem(symbol="s", brush=pg.mkBrush(GROUP_COLORS.get(g, OTHER_GROUP)), pen=None,
                                       name=f"group {g}")
            self.legend.addItem(entry, f"group {g}")
            self._group_legend.append(entry)

    def _on_groups_toggled(self, on: bool) -> None:
        settings.write("map/color_groups", bool(on))
        if len(self._users_xy):
            self.set_points(self._users_xy, self._items_xy, None, self.epoch, "")

    def show_model(self, model, note: str = "") -> bool:
        """Draw a finished model's embeddings (False when it has none, e.g. the baseline)."""
        from ..core.analysis import embedding_points

        points = embedding_points(model)
        if points is None:
            self.clear("This model has no embeddings (the baseline has only biases): nothing to map")
            return False
        self.set_points(points[0], points[1], points[2], None, note)
        return True

    # -- live updates ------------------------------------------------------------
    def start_live(self, box) -> None:
        self._live = box
        box.wanted = self.isVisible()
        self._timer.start()

    def stop_live(self) -> None:
        self._poll()
        self._timer.stop()
        self._live = None

    def _poll(self) -> None:
        if self._live is None:
            return
        self._live.wanted = self.isVisible()  # the worker skips snapshots nobody sees
        value = self._live.take()
        if value is not None:
            users_xy, items_xy, explained, epoch = value
            self.set_points(users_xy, items_xy, explained, epoch, "training…")

    # -- reading back (tests, other panels) ----------------------------------------
    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """The drawn (users, items) coordinates, as the scatter items hold them."""
        out = []
        for scatter in (self.users_item, self.items_item):
            x, y = scatter.getData()
            out.append(np.column_stack([x, y]) if x is not None and len(x) else np.zeros((0, 2)))
        return out[0], out[1]

    def label_texts(self) -> list[str]:
        return [t.textItem.toPlainText() for t in self._text_items]

    def label_positions(self) -> np.ndarray:
        return np.array([[t.pos().x(), t.pos().y()] for t in self._text_items]).reshape(-1, 2)

    def _tip(self, x: float, y: float, data) -> str:
        if not data:
            return ""
        kind, k = data
        labels = self._user_labels if kind == "user" else self._item_labels
        name = labels[k] if 0 <= k < len(labels) else "?"
        return f"{name} ({kind})"

    def _on_clicked(self, scatter, points, ev=None) -> None:
        if not len(points):
            return
        kind, k = points[0].data()
        (self.userClicked if kind == "user" else self.itemClicked).emit(int(k))

    def click_point(self, kind: str, index: int) -> None:
        """Click a point programmatically (what a mouse click on it does)."""
        scatter = self.users_item if kind == "user" else self.items_item
        spot = scatter.points()[index]
        self._on_clicked(scatter, [spot])


__all__ = ["EmbeddingMap"]
