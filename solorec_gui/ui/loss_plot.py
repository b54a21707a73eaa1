"""The live training-loss plot (pyqtgraph), redrawn at most 20 times a second.

After pyqtgraph's ``scrollingPlots`` example: the curve is created once and
``setData`` is called on the growing arrays; no plot item per point. Every loss
value is kept (``x_data``/``y_data``); :meth:`LossPlot.append` only buffers and
marks the plot dirty, and a 50 ms QTimer flushes the buffer, so the redraw rate
is bounded however fast the epochs come.

A second curve (``add_curve``) is there for later panels, e.g. validation loss.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

REDRAW_MS = 50  # 20 redraws per second: smooth, and cheap on a busy 2-core machine


class LossPlot(QWidget):
    """Loss per epoch; ``setData`` throttled; optional log scale."""

    logScaleChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMinimumHeight(160)
        item = self.plot_widget.getPlotItem()
        # No grid: the axes draw grid lines as alpha-blended full-height paths, the
        # most expensive part of a redraw on a software-rendered screen.

        item.setLabel("bottom", "epoch")
        item.setLabel("left", "training loss (MSE)")
        item.addLegend(offset=(-10, 10))
        self._curves: dict[str, tuple[pg.PlotDataItem, list[float], list[float]]] = {}
        self.curve = self.add_curve("train", "training loss", "#1d55b3")
        self.redraws = 0
        self._marker: pg.InfiniteLine | None = None
        self._marked_epoch: int | None = None

        self.log_box = QCheckBox("Log scale")
        self.log_box.toggled.connect(self.set_log_scale)
        self.caption = QLabel("")
        bar = QHBoxLayout()
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.log_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget, 1)
        layout.addLayout(bar)

        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._flush)

    def add_curve(self, key: str, name: str, color: str) -> pg.PlotDataItem:
        # A 1-px cosmetic pen, peak downsampling and clipping keep a redraw cheap
        # even with a million epochs (wide pens over many segments are slow).
        curve = self.plot_widget.plot([], [], pen=pg.mkPen(color, width=1), name=name)
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        curve.setSkipFiniteCheck(True)
        self._curves[key] = (curve, [], [])
        return curve

    def has_curve(self, key: str) -> bool:
        return key in self._curves

    def set_curve_visible(self, key: str, on: bool) -> None:
        """Show or hide a curve together with its legend entry."""
        curve = self._curves[key][0]
        curve.setVisible(on)
        legend = self.plot_widget.getPlotItem().legend
        if legend is not None:
            legend.removeItem(curve)
            if on:
                legend.addItem(curve, curve.name())

    def mark_epoch(self, epoch: int | None, text: str = "best epoch") -> None:
        """A vertical line at ``epoch`` (e.g. the early-stopping best epoch); None removes it."""
        self._marked_epoch = None if epoch is None else int(epoch)
        if epoch is None:
            if self._marker is not None:
                self._marker.setVisible(False)
            return
        if self._marker is None:
            self._marker = pg.InfiniteLine(
                angle=90,
                movable=False,
                pen=pg.mkPen("#2e7d32", width=1, style=Qt.PenStyle.DashLine),
                label="",
                labelOpts={"position": 0.92, "color": "#2e7d32", "fill": (255, 255, 255, 200), "movable": False},
            )
            self.plot_widget.addItem(self._marker, ignoreBounds=True)
        self._marker.setValue(float(epoch))
        self._marker.label.setFormat(f"{text} {int(epoch)}")
        self._marker.setVisible(True)

    @property
    def marked_epoch(self) -> int | None:
        return self._marked_epoch

    # -- data ------------------------------------------------------------------
    def clear(self) -> None:
        for curve, xs, ys in self._curves.values():
            xs.clear()
            ys.clear()
            curve.setData([], [])
        self.mark_epoch(None)
        self.caption.setText("")
        self._dirty = False

    def append(self, epochs: Iterable[int], losses: Iterable[float], key: str = "train") -> None:
        """Buffer new points; the timer draws them."""
        _, xs, ys = self._curves[key]
        for e, v in zip(epochs, losses):
            if v is None:
                continue
            xs.append(float(e))
            ys.append(float(v))
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def set_history(self, losses: Iterable[float], key: str = "train") -> None:
        """Replace a curve with a full history (epochs 1..n) and draw now."""
        _, xs, ys = self._curves[key]
        values = [float(v) for v in losses]
        xs[:] = [float(e) for e in range(1, len(values) + 1)]
        ys[:] = values
        self._dirty = True
        self._flush()

    def x_data(self, key: str = "train") -> np.ndarray:
        return np.asarray(self._curves[key][1])

    def y_data(self, key: str = "train") -> np.ndarray:
        return np.asarray(self._curves[key][2])

    def drawn_data(self, key: str = "train") -> tuple[np.ndarray, np.ndarray]:
        """What the curve item holds (untransformed by the log scale)."""
        x, y = self._curves[key][0].getOriginalDataset()
        return (np.asarray(x if x is not None else []), np.asarray(y if y is not None else []))

    def flush(self) -> None:
        """Draw any buffered points now (the timer does this on its own)."""
        self._flush()

    def _flush(self) -> None:
        if not self._dirty:
            self._timer.stop()
            return
        self._dirty = False
        for curve, xs, ys in self._curves.values():
            curve.setData(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
        self.redraws += 1
        _, xs, ys = self._curves["train"]
        if ys:
            self.caption.setText(f"epoch {int(xs[-1])}: loss {ys[-1]:.5g}")

    # -- view --------------------------------------------------------------------
    def set_log_scale(self, on: bool) -> None:
        if self.log_box.isChecked() != on:
            self.log_box.setChecked(on)  # re-enters via toggled
            return
        self.plot_widget.getPlotItem().setLogMode(x=False, y=on)
        self.logScaleChanged.emit(on)

    def is_log_scale(self) -> bool:
        return self.log_box.isChecked()
