"""The embedding map: users and items as points in the model's embedding space (pyqtgraph).

Points come from the engine (``core.analysis.embedding_points``: dim 2 shown
directly, higher dims projected with PCA). Users are circles, items triangles,
their names in blue and orange beside the points (up to ``MAX_LABELS`` points;
beyond that names show on hover only). With MBTI-tagged labels such as
``옥순(IN)`` the fill colour shows the group, so one sees the groups gather
while a model trains.

While training, the job sends fresh points as partial results (numbers, not
the model; only while the map is shown); a GUI timer draws the newest every
``REDRAW_MS``, so redraws are bounded however fast the epochs are. Hovering a point shows its name; clicking it emits
``userClicked(row)`` / ``itemClicked(column)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import settings
from .help import export_image_button

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


def _label_shifts(xy: np.ndarray, near: float = 0.06) -> list[float]:
    """Vertical label offsets (in label heights) so labels of coinciding points do not overlap.

    Points closer than ``near`` of the plot's extent to an earlier point get
    their label moved below, above, further below, … the earlier ones.
    """
    n = len(xy)
    if n == 0:
        return []
    span = np.ptp(xy, axis=0)
    span[span == 0] = 1.0
    scaled = (xy - xy.min(axis=0)) / span
    order = (0.0, 0.9, -0.9, 1.8, -1.8, 2.7, -2.7)
    shifts = [0.0] * n
    for k in range(n):
        close = [j for j in range(k) if abs(scaled[j, 0] - scaled[k, 0]) < near * 3 and abs(scaled[j, 1] - scaled[k, 1]) < near]
        taken = {shifts[j] for j in close}
        shifts[k] = next((o for o in order if o not in taken), 0.0)
    return shifts



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
        item.getViewBox().setDefaultPadding(0.15)  # room for the names right of the points
        common = {"size": 12, "hoverable": True, "tip": self._tip, "hoverSize": 16, "pxMode": True}
        self.users_item = pg.ScatterPlotItem(symbol="o", pen=pg.mkPen(USER_COLOR, width=2),
                                             brush=pg.mkBrush(USER_COLOR), **common)
        self.items_item = pg.ScatterPlotItem(symbol="t", pen=pg.mkPen(ITEM_COLOR, width=2),
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

        self.labels_box = QCheckBox(self.tr("Names"))
        self.labels_box.setChecked(True)
        self.labels_box.toggled.connect(self._update_text_visibility)
        self.groups_box = QCheckBox(self.tr("Colour by MBTI group"))
        self.groups_box.setChecked(settings.read("map/color_groups"))
        self.groups_box.toggled.connect(self._on_groups_toggled)
        self.export_button = QPushButton(self.tr("Export for Projector…"))
        self.export_button.setToolTip(
            self.tr("Write the embeddings as TSV vectors plus a metadata TSV, the files the TensorFlow Embedding "
                    "Projector (projector.tensorflow.org) loads"))
        self.export_button.clicked.connect(self.exportRequested)
        self.export_button.setEnabled(False)
        self.image_button = export_image_button(self, self.plot_widget, "embedding-map")
        self.caption = QLabel(self.tr("Train a model (F5) to see its embeddings"))
        self.caption.setWordWrap(True)
        self.legend_label = QLabel("")
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.legend_label.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.labels_box)
        bar.addWidget(self.groups_box)
        bar.addStretch(1)
        bar.addWidget(self.image_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.caption)
        layout.addLayout(bar)

        self._live = False
        self._pending = None
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

    def clear(self, message: str | None = None) -> None:
        if message is None:
            message = self.tr("Train a model (F5) to see its embeddings")
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
        if self._text_items:
            both = np.vstack([users_xy, items_xy])
            for text, (x, y), shift in zip(self._text_items, both, _label_shifts(both)):
                text.setPos(float(x), float(y))
                anchor = (-0.12, 0.5 - shift)
                if text.anchor != pg.Point(*anchor):
                    text.setAnchor(anchor)
        self._update_text_visibility()
        parts = []
        if epoch is not None:
            parts.append(self.tr("epoch {0}").format(epoch))
        if explained is not None:
            parts.append(self.tr("axes explain {0:.0%} and {1:.0%} of the spread").format(explained[0], explained[1]))
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
        """The legend as a line of rich text under the plot (a legend inside the plot hides points)."""
        parts = [
            f'<span style="color:{USER_COLOR}">●</span> ' + self.tr("users (rows)"),
            f'<span style="color:{ITEM_COLOR}">▼</span> ' + self.tr("items (columns)"),
        ]
        if on and self._groups is not None:
            present = sorted({g for g in self._groups[0] + self._groups[1] if g})
            parts.append(self.tr("fill = MBTI group:") + " " + " ".join(
                f'<span style="color:{GROUP_COLORS.get(g, OTHER_GROUP)}">■</span> {g}' for g in present))
        self.legend_label.setText(" &nbsp; ".join(parts))

    def _on_groups_toggled(self, on: bool) -> None:
        settings.write("map/color_groups", bool(on))
        if len(self._users_xy):
            self.set_points(self._users_xy, self._items_xy, None, self.epoch, "")

    def show_model(self, model, note: str = "") -> bool:
        """Draw a finished model's embeddings (False when it has none, e.g. the baseline)."""
        from ..core.analysis import embedding_points

        points = embedding_points(model)
        if points is None:
            self.clear(self.tr("This model has no embeddings (the baseline has only biases): nothing to map"))
            return False
        self.set_points(points[0], points[1], points[2], None, note)
        return True

    # -- live updates ------------------------------------------------------------
    def set_live(self, on: bool) -> None:
        """While a job trains: draw the newest pushed points every ``REDRAW_MS`` (and the last one at the end)."""
        if on:
            self._live = True
            self._timer.start()
            return
        self._poll()
        self._timer.stop()
        self._live = False
        self._pending = None

    def push_live(self, users_xy: np.ndarray, items_xy: np.ndarray, explained, epoch: int) -> None:
        """Points from the worker (a job's partial result); drawn by the timer, so redraws stay bounded."""
        if self._live:
            self._pending = (users_xy, items_xy, explained, epoch)

    def _poll(self) -> None:
        value, self._pending = self._pending, None
        if value is not None:
            users_xy, items_xy, explained, epoch = value
            self.set_points(users_xy, items_xy, explained, epoch, self.tr("training…"))

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
        return f"{name} ({self.tr('user') if kind == 'user' else self.tr('item')})"

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
