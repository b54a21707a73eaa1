"""The live training-loss plot (pyqtgraph), redrawn at most 20 times a second.

After pyqtgraph's ``scrollingPlots`` example: each curve is created once and
``setData`` is called on the growing arrays; no plot item per point. Every loss
value is kept; :meth:`LossPlot.append` only buffers and marks the plot dirty,
and a 50 ms QTimer flushes the buffer, so the redraw rate is bounded however
fast the epochs come.

**Phases.** A model trained in phases (the MF + AutoRec blend: MF, then
AutoRec, each with its own loss) gets one curve per phase, in its own colour,
named in the legend, with a dashed line where the next phase starts: the two
losses are never spliced into one curve whose jump would read as divergence.

A second kind of curve (``add_curve``) is there for other panels, e.g. the
validation loss.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .help import export_image_button

REDRAW_MS = 50  # 20 redraws per second: smooth, and cheap on a busy 2-core machine
PHASE_COLORS = ("#1d55b3", "#2e7d32", "#6a1b9a", "#ad1457")



class LossPlot(QWidget):
    """Loss per epoch (one curve per training phase); ``setData`` throttled; optional log scale."""

    logScaleChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMinimumHeight(160)
        item = self.plot_widget.getPlotItem()
        # No grid: the axes draw grid lines as alpha-blended full-height paths, the
        # most expensive part of a redraw on a software-rendered screen.
        item.setLabel("bottom", self.tr("epoch"))
        item.setLabel("left", self.tr("training loss (MSE)"))
        item.getAxis("left").enableAutoSIPrefix(False)  # "0.675", not "675" with "(x0.001)" in the label
        item.addLegend(offset=(-10, 10))
        self._curves: dict[str, tuple[pg.PlotDataItem, list[float], list[float]]] = {}
        # The training loss: every point with its phase; one curve item per phase.
        self._train: tuple[list[float], list[float], list[int]] = ([], [], [])
        self._phase_names: dict[int, str] = {}
        self._phase_items: dict[int, pg.PlotDataItem] = {}
        self._legend_names: dict[int, str] = {}
        self._separators: list[pg.InfiniteLine] = []
        self.curve = self._phase_curve(0)
        self.redraws = 0
        self._marker: pg.InfiniteLine | None = None
        self._marked_epoch: int | None = None

        self.log_box = QCheckBox(self.tr("Log scale"))
        self.log_box.toggled.connect(self.set_log_scale)
        self.caption = QLabel("")
        self.caption.setWordWrap(True)  # a long result line wraps instead of widening (or clipping) the plot
        self.image_button = export_image_button(self, self.plot_widget, "loss")
        bar = QHBoxLayout()
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.log_box)
        bar.addWidget(self.image_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget, 1)
        layout.addLayout(bar)

        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._flush)

    # -- curves -------------------------------------------------------------------------
    def _new_item(self, name: str, color: str) -> pg.PlotDataItem:
        # A 1-px cosmetic pen, peak downsampling and clipping keep a redraw cheap
        # even with a million epochs (wide pens over many segments are slow).
        curve = self.plot_widget.plot([], [], pen=pg.mkPen(color, width=1), name=name)
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        curve.setSkipFiniteCheck(True)
        return curve

    def _phase_curve(self, index: int) -> pg.PlotDataItem:
        item = self._phase_items.get(index)
        if item is None:
            item = self._new_item(self.tr("training loss"), PHASE_COLORS[index % len(PHASE_COLORS)])
            self._phase_items[index] = item
            self._legend_names[index] = item.name()
        return item

    def add_curve(self, key: str, name: str, color: str) -> pg.PlotDataItem:
        curve = self._new_item(name, color)
        self._curves[key] = (curve, [], [])
        return curve

    def has_curve(self, key: str) -> bool:
        return key == "train" or key in self._curves

    def _legend_show(self, curve: pg.PlotDataItem, on: bool, name: str | None = None) -> None:
        legend = self.plot_widget.getPlotItem().legend
        if legend is not None:
            legend.removeItem(curve)
            if on:
                legend.addItem(curve, name or curve.name())

    def set_curve_visible(self, key: str, on: bool) -> None:
        """Show or hide a curve together with its legend entry."""
        curve = self._curves[key][0]
        curve.setVisible(on)
        self._legend_show(curve, on)

    def mark_epoch(self, epoch: int | None, text: str = "best epoch") -> None:
        """A vertical line at ``epoch`` (e.g. the early-stopping best epoch); None removes it. Its label sits
        half-way up: at the top it covered the legend when the best epoch was the last one."""
        self._marked_epoch = None if epoch is None else int(epoch)
        if epoch is None:
            if self._marker is not None:
                self._marker.setVisible(False)
            return
        if self._marker is None:
            self._marker = pg.InfiniteLine(
                angle=90, movable=False, pen=pg.mkPen("#2e7d32", width=1, style=Qt.PenStyle.DashLine), label="",
                labelOpts={"position": 0.5, "color": "#2e7d32", "fill": (255, 255, 255, 200), "movable": False},
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
        for lst in self._train:
            lst.clear()
        self._phase_names = {}
        for index, item in list(self._phase_items.items()):
            item.setData([], [])
            if index > 0:
                self._legend_show(item, False)
                self.plot_widget.removeItem(item)
                del self._phase_items[index]
                self._legend_names.pop(index, None)
        first = self._phase_items[0]
        first.opts["name"] = self.tr("training loss")
        self._legend_show(first, True, first.name())
        self._legend_names[0] = first.name()
        for line in self._separators:
            self.plot_widget.removeItem(line)
        self._separators = []
        self.mark_epoch(None)
        self.caption.setText("")
        self._dirty = False

    def set_phase_names(self, names: dict[int, str]) -> None:
        """Name the phases (index → name); a run with several gets a curve and legend entry each."""
        for index, name in names.items():
            self._phase_names[int(index)] = str(name)

    def append(self, epochs: Iterable[int], losses: Iterable[float], key: str = "train",
               phases: Sequence[int] | None = None) -> None:
        """Buffer new points (``phases``: each point's phase index, training loss only); the timer draws them."""
        epochs, losses = list(epochs), list(losses)
        if key == "train":
            xs, ys, ps = self._train
            if phases is None:
                phases = [ps[-1] if ps else 0] * len(epochs)
            for e, v, p in zip(epochs, losses, phases):
                if v is None:
                    continue
                xs.append(float(e))
                ys.append(float(v))
                ps.append(int(p))
        else:
            _, xs, ys = self._curves[key]
            for e, v in zip(epochs, losses):
                if v is None:
                    continue
                xs.append(float(e))
                ys.append(float(v))
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def set_history(self, losses: Iterable[float], key: str = "train", phases: Sequence | None = None) -> None:
        """Replace a curve with a full history (epochs 1..n) and draw now.

        ``phases``: the engine's ``PhaseSpan``s (name, start, stop) of the training loss."""
        values = [float(v) for v in losses]
        epochs = [float(e) for e in range(1, len(values) + 1)]
        if key == "train":
            index = [0] * len(values)
            names = {}
            for k, span in enumerate(phases or []):
                names[k] = QCoreApplication.translate("ModelSettings", span.name)
                for j in range(span.start, min(span.stop, len(values))):
                    index[j] = k
            xs, ys, ps = self._train
            xs[:], ys[:], ps[:] = epochs, values, index
            self._phase_names = names
        else:
            _, xs, ys = self._curves[key]
            xs[:], ys[:] = epochs, values
        self._dirty = True
        self._flush()

    def x_data(self, key: str = "train") -> np.ndarray:
        return np.asarray(self._train[0] if key == "train" else self._curves[key][1])

    def y_data(self, key: str = "train") -> np.ndarray:
        return np.asarray(self._train[1] if key == "train" else self._curves[key][2])

    def drawn_data(self, key: str = "train") -> tuple[np.ndarray, np.ndarray]:
        """What the curve items hold (untransformed by the log scale); the training loss over all phases."""
        items = [self._phase_items[k] for k in sorted(self._phase_items)] if key == "train" else [self._curves[key][0]]
        xs, ys = [], []
        for item in items:
            x, y = item.getOriginalDataset()
            if x is not None:
                xs.append(np.asarray(x))
                ys.append(np.asarray(y))
        if not xs:
            return np.zeros(0), np.zeros(0)
        return np.concatenate(xs), np.concatenate(ys)

    def phase_curves(self) -> list[tuple[str, np.ndarray, np.ndarray]]:
        """(legend name, x, y) of each training-loss curve as drawn."""
        out = []
        for k in sorted(self._phase_items):
            item = self._phase_items[k]
            x, y = item.getOriginalDataset()
            if x is not None and len(x):
                out.append((item.name(), np.asarray(x), np.asarray(y)))
        return out

    def separator_epochs(self) -> list[float]:
        """Where the dashed phase separators are (x of the line, between two phases)."""
        return [float(line.value()) for line in self._separators]

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
        self._draw_phases()
        self.redraws += 1
        xs, ys, ps = self._train
        if ys:
            phase = self._phase_names.get(ps[-1], "") if len(self._phase_items) > 1 else ""
            where = f" ({phase})" if phase else ""
            self.caption.setText(self.tr("epoch {epoch}{phase}: loss {loss:.5g}").format(
                epoch=int(xs[-1]), phase=where, loss=ys[-1]))

    def _draw_phases(self) -> None:
        xs, ys, ps = self._train
        x = np.asarray(xs, dtype=float)
        y = np.asarray(ys, dtype=float)
        p = np.asarray(ps, dtype=int)
        present = sorted(set(ps)) or [0]
        several = len(present) > 1 or max(present) > 0
        for k in present:
            item = self._phase_curve(k)
            mask = p == k
            item.setData(x[mask], y[mask])
            name = self._phase_names.get(k, "")
            label = self.tr("training loss: {0}").format(name) if several and name else self.tr("training loss")
            if self._legend_names.get(k) != label:
                item.opts["name"] = label
                self._legend_show(item, True, label)
                self._legend_names[k] = label
        # a dashed line where each later phase starts
        starts = [float(x[p == k][0]) - 0.5 for k in present[1:] if (p == k).any()]
        while len(self._separators) < len(starts):
            line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#707070", width=1, style=Qt.PenStyle.DashLine),
                                   label="", labelOpts={"position": 0.6, "color": "#505050",
                                                        "fill": (255, 255, 255, 200), "movable": False})
            self.plot_widget.addItem(line, ignoreBounds=True)
            self._separators.append(line)
        for n, (line, start, k) in enumerate(zip(self._separators, starts, present[1:])):
            line.setValue(start)
            line.label.setFormat(self.tr("→ {0}").format(self._phase_names.get(k, "")))
            # Below the legend (top right), one step lower for each later phase: short phases at the end of a
            # long run (a blend's two AutoRecs after 200 Gibbs sweeps) would otherwise print over each other.
            line.label.setPosition(max(0.1, 0.6 - 0.12 * n))

    # -- view --------------------------------------------------------------------
    def set_log_scale(self, on: bool) -> None:
        if self.log_box.isChecked() != on:
            self.log_box.setChecked(on)  # re-enters via toggled
            return
        self.plot_widget.getPlotItem().setLogMode(x=False, y=on)
        self.logScaleChanged.emit(on)

    def is_log_scale(self) -> bool:
        return self.log_box.isChecked()
