"""'Is the model right?' in the window (issue 4): wires the validation options, the
Evaluate, Embedding map and Recommend tabs, the predicted-cell explanations and
the model-file actions into a :class:`MainWindow`.

``MainWindow.__init__`` calls :func:`install_insight` once. Everything here
goes through the window's extension points (``add_panel``, ``trainingFinished``,
``trainingFailed``, ``matrixLoaded``, ``start_job``, ``make_training_job``,
``file_menu``, ``show_loaded_predictions``), so the window itself stays small.
The engine work runs in the window's worker (``insight_jobs``); this module
only draws results on the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Slot
from PySide6.QtWidgets import QFileDialog

from ..core.errors import InputError, SoloRecError
from . import settings
from .embedding_map import EmbeddingMap
from .evaluation_panel import DIFF_COLOR, EvaluationPanel
from .insight_jobs import Cancelled, CompareOutcome, LiveEmbeddings, compare_job, crossval_job, training_job
from .model_files import ModelFiles, show_error
from .recommend_panel import RecommendPanel
from .validation_panel import ValidationOptions

log = logging.getLogger(__name__)

VALID_COLOR = "#c62828"
SPREAD_COLOR = "#e07b00"


class Insight(QObject):
    """The issue-4 panels of one window; see the module docstring."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.outcome: Any = None  # the outcome whose predictions the grid shows
        self.live: LiveEmbeddings | None = None
        self._diff: tuple[str, str, np.ndarray, np.ndarray] | None = None

        self.options = ValidationOptions()
        window.panel.layout().insertWidget(1, self.options)
        self.map = EmbeddingMap()
        self.recommend = RecommendPanel()
        self.evaluation = EvaluationPanel()
        window.add_panel(self.evaluation, "Evaluate")
        window.add_panel(self.map, "Embedding map")
        window.add_panel(self.recommend, "Recommend")
        self.files = ModelFiles(window)

        plot = window.loss_plot
        if not plot.has_curve("valid"):
            plot.add_curve("valid", "validation loss", VALID_COLOR)
        plot.set_curve_visible("valid", False)
        window.make_training_job = self.make_training_job

        window.trainingFinished.connect(self._on_training_finished)
        window.trainingFailed.connect(self._on_job_failed)
        window.matrixLoaded.connect(self._on_matrix_loaded)
        window.runner.started.connect(self._on_busy)
        window.runner.idle.connect(self._on_idle)
        window.view.selectionModel().currentChanged.connect(self._on_current_cell)
        self.map.userClicked.connect(self.select_user)
        self.map.itemClicked.connect(self.select_item)
        self.map.exportRequested.connect(self._on_export_projector)
        self.recommend.cellRequested.connect(self._go_to_cell)
        self.evaluation.crossvalRequested.connect(self.run_crossval)
        self.evaluation.compareRequested.connect(self.run_compare)
        self.evaluation.diffToggled.connect(self._apply_diff)

    # ------------------------------------------------------------------ training (F5)
    def make_training_job(self, snapshot: Any, config: dict):
        """The window's F5 job: validation holdout, early stopping and ensemble as the options say."""
        options = self.options.options()
        self.options.save()
        self.options.clear_result()
        plot = self.window.loss_plot
        validating = bool(options["holdout_percent"])
        plot.set_curve_visible("valid", validating)
        plot.plot_widget.getPlotItem().setLabel("left", "loss (MSE)" if validating else "training loss (MSE)")
        self.live = LiveEmbeddings()
        self.map.start_live(self.live)
        return training_job(snapshot, config, live=self.live, **options)

    @Slot(object)
    def _on_training_finished(self, outcome: Any) -> None:
        self.map.stop_live()
        self.outcome = outcome
        window = self.window
        plot = window.loss_plot
        val = list(getattr(outcome, "val_history", []) or [])
        plot.set_curve_visible("valid", bool(val))
        plot.set_history(val, key="valid")
        members = getattr(outcome, "members", 1)
        if val and members == 1:
            if getattr(outcome, "patience", None) and getattr(outcome, "best_epoch", None):
                plot.mark_epoch(outcome.best_epoch, "best epoch")
            else:
                plot.mark_epoch(int(np.argmin(val)) + 1, "lowest validation loss")
        else:
            plot.mark_epoch(None)
        spread = getattr(outcome, "spread", None)
        max_spread = None
        model = window.model
        if spread is not None and model.predictions is not None:
            missing = np.isnan(model.matrix.values)
            max_spread = float(spread[missing].max()) if missing.any() else 0.0
            shade = np.where(missing, spread / max_spread if max_spread > 0 else 0.0, np.nan)
            model.set_shading(shade, SPREAD_COLOR)
        text = self.options.show_result(outcome, max_spread)
        if text:
            window.panel.progress_label.setText(window.panel.progress_label.text() + "\n" + text.replace("\n", "; "))
        model.set_tooltip_extra(self.explain)
        self._diff = None
        self.evaluation.diff_box.setChecked(False)
        self._show_map(outcome)
        self.recommend.set_predictions(model.matrix, model.predictions)

    def _show_map(self, outcome: Any) -> None:
        fit_result = getattr(outcome, "fit_result", None)
        if fit_result is None:
            self.map.clear("The loaded model's rows and columns differ from the grid's: no map")
            return
        note = ""
        if getattr(outcome, "members", 1) > 1:
            note = f"model 1 of the ensemble (seed {fit_result.spec.params.seed})"
        dim = getattr(fit_result.spec.params, "dim", 2)
        if dim > 2:
            note = (note + "; " if note else "") + f"dim {dim} projected with PCA"
        if getattr(outcome, "has_map_points", False):
            points = outcome.map_points
            if points is None:
                self.map.clear("This model has no embeddings (the baseline has only biases): nothing to map")
            else:
                self.map.set_points(points[0], points[1], points[2], None, note)
            return
        try:
            self.map.show_model(fit_result, note)
        except Exception:  # a model kind without usable embeddings must not break the window
            log.exception("embedding map")
            self.map.clear("This model's embeddings cannot be drawn")

    @Slot(str)
    def _on_job_failed(self, _message: str) -> None:
        self.map.stop_live()
        if self.outcome is not None and getattr(self.outcome, "fit_result", None) is not None:
            self._show_map(self.outcome)
        self._restore_plot()

    # ------------------------------------------------------------------ explanations
    def explain(self, row: int, col: int) -> str | None:
        """Extra tooltip text for a predicted cell: the model's parts (engine: ``explain_cell``)."""
        outcome = self.outcome
        lines: list[str] = []
        if self._diff is not None:
            a, b, pa, pb = self._diff
            lines.append(f"{a.upper()} {pa[row, col]:.2f} vs {b.upper()} {pb[row, col]:.2f} "
                         f"(|difference| {abs(pa[row, col] - pb[row, col]):.2f}, trained on all ratings)")
        if outcome is None:
            return "\n".join(lines) or None
        spread = getattr(outcome, "spread", None)
        members = getattr(outcome, "members", 1)
        if spread is not None:
            lines.append(f"Ensemble of {members} seeds: mean {outcome.predictions[row, col]:.3f}, "
                         f"spread (sd) {spread[row, col]:.3f}")
        fit_result = getattr(outcome, "fit_result", None)
        if fit_result is not None:
            from ..core.analysis import explain_cell

            info = explain_cell(fit_result, self.window.model.matrix, row, col)
            body = info["text"].split("\n")[1:]
            if body:
                head = f"Why (model 1, seed {fit_result.spec.params.seed}):" if members > 1 else "Why:"
                lines.append(head)
                lines.extend("  " + line for line in body)
        return "\n".join(lines) or None

    # ------------------------------------------------------------------ grid ↔ panels
    @Slot()
    def _on_matrix_loaded(self) -> None:
        matrix = self.window.model.matrix
        self.outcome = None
        self._diff = None
        self.map.stop_live()
        self.map.set_labels(matrix.users, matrix.items)
        self.recommend.set_matrix(matrix)
        self.evaluation.clear()
        self.options.clear_result()
        self.window.loss_plot.set_curve_visible("valid", False)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_cell(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.recommend.select_user(current.row())
            self.recommend.select_item(current.column())

    @Slot(int)
    def select_user(self, row: int) -> None:
        """Select a user's row in the grid (a click on the map)."""
        view = self.window.view
        view.selectRow(row)
        view.selectionModel().setCurrentIndex(
            self.window.model.index(row, max(0, view.currentIndex().column())), QItemSelectionModel.SelectionFlag.Rows
            | QItemSelectionModel.SelectionFlag.Current
        )
        view.scrollTo(self.window.model.index(row, 0))
        self.recommend.select_user(row)

    @Slot(int)
    def select_item(self, col: int) -> None:
        """Select an item's column in the grid (a click on the map)."""
        view = self.window.view
        view.selectColumn(col)
        view.scrollTo(self.window.model.index(0, col))
        self.recommend.select_item(col)

    @Slot(int, int)
    def _go_to_cell(self, row: int, col: int) -> None:
        view = self.window.view
        index = self.window.model.index(row, col)
        view.setCurrentIndex(index)
        view.scrollTo(index)

    @Slot()
    def _on_busy(self) -> None:
        self.evaluation.set_busy(True)

    @Slot()
    def _on_idle(self) -> None:
        self.evaluation.set_busy(False)

    # ------------------------------------------------------------------ evaluation
    def _eval_setup(self, what: str) -> tuple[Any, dict] | None:
        window = self.window
        if window.runner.is_running():
            window.statusBar().showMessage("A job is already running; press Esc to stop it", 5000)
            return None
        window.commit_open_editor()
        try:
            config = window.training_config()
        except InputError as exc:
            show_error(window, "Check the training settings", str(exc))
            return None
        options = self.options.options()
        if options["patience"]:
            config["patience"] = options["patience"]  # early stopping on a split of each training part
        window.loss_plot.clear()
        window.loss_plot.set_curve_visible("valid", False)
        window.loss_plot.caption.setText(f"{what}: each run's training loss, one after another")
        window.panel.progress_label.setText(f"{what.capitalize()}…")
        self.evaluation.summary.setText(f"{what.capitalize()} running… (Esc stops it)")
        return window.model.matrix.copy(), config

    @Slot(int)
    def run_crossval(self, folds: int) -> bool:
        setup = self._eval_setup("cross-validation")
        if setup is None:
            return False
        snapshot, config = setup
        self.window.start_job(crossval_job(snapshot, config, folds), self._on_crossval_done)
        return True

    def _on_crossval_done(self, result: Any) -> None:
        self._restore_plot()
        if isinstance(result, Cancelled):
            self.evaluation.summary.setText("Cross-validation stopped: no result.")
            self.window.panel.progress_label.setText("Cross-validation stopped")
            return
        self.evaluation.show_crossval(result)
        message = (f"Cross-validated in {result.fit_seconds:.1f} s: RMSE {result.rmse_mean:.3f} ± {result.rmse_sd:.3f}, "
                   f"MAE {result.mae_mean:.3f} ± {result.mae_sd:.3f}")
        self.window.panel.progress_label.setText(message)
        self.window.statusBar().showMessage(message, 10000)

    @Slot(int, list)
    def run_compare(self, folds: int, models: list) -> bool:
        if len(models) < 1:
            self.window.statusBar().showMessage("Tick at least one model to compare", 5000)
            return False
        setup = self._eval_setup("comparison")
        if setup is None:
            return False
        snapshot, config = setup
        self.window.start_job(compare_job(snapshot, config, folds, list(models)), self._on_compare_done)
        return True

    def _on_compare_done(self, result: Any) -> None:
        self._restore_plot()
        if isinstance(result, Cancelled):
            self.evaluation.summary.setText("Comparison stopped: no result.")
            self.window.panel.progress_label.setText("Comparison stopped")
            return
        assert isinstance(result, CompareOutcome)
        self.evaluation.show_compare(result)
        self.window.panel.progress_label.setText(f"Compared {', '.join(r.model for r in result.rows)}")

    def _restore_plot(self) -> None:
        """After an evaluation, the loss tab shows the grid's model again."""
        plot = self.window.loss_plot
        outcome = self.outcome
        plot.clear()
        if outcome is None:
            return
        plot.set_history(outcome.history)
        val = list(getattr(outcome, "val_history", []) or [])
        plot.set_curve_visible("valid", bool(val))
        if val:
            plot.set_history(val, key="valid")
            if getattr(outcome, "members", 1) == 1:
                if getattr(outcome, "patience", None) and getattr(outcome, "best_epoch", None):
                    plot.mark_epoch(outcome.best_epoch, "best epoch")
                else:
                    plot.mark_epoch(int(np.argmin(val)) + 1, "lowest validation loss")

    @Slot(bool)
    def _apply_diff(self, on: bool) -> None:
        """Shade the predicted cells by how much two compared models differ there."""
        model = self.window.model
        compared = self.evaluation.last_compare
        pair = self.evaluation.diff_models()
        if not on or compared is None or pair is None:
            self._diff = None
            self.evaluation.diff_label.setText("" if on is False or compared is None else "Pick two different models.")
            spread = getattr(self.outcome, "spread", None)
            model.set_shading(None)
            if spread is not None:
                self._on_training_finished_shading(spread)
            return
        if model.predictions is None:
            self.evaluation.diff_label.setText("Train a model (F5) first: the shading is drawn on the predicted cells.")
            return
        from ..core.eval import prediction_diff

        a, b = pair
        pa, pb = compared.predictions[a], compared.predictions[b]
        matrix = model.matrix
        if pa.shape != matrix.shape:
            self.evaluation.diff_label.setText("The grid changed size since the comparison; compare again.")
            return
        diff = prediction_diff(pa, pb, matrix, n=3)
        scale = diff.max_abs_diff or 1.0
        model.set_shading(diff.abs_diff / scale, DIFF_COLOR)
        model.set_tooltip_extra(self.explain)
        self._diff = (a, b, pa, pb)
        tops = "; ".join(
            f"{matrix.users[r]} × {matrix.items[c]}: {a.upper()} {x:.2f}, {b.upper()} {y:.2f}" for r, c, x, y, _ in diff.top
        )
        self.evaluation.diff_label.setText(
            f"{a.upper()} vs {b.upper()} on the {int(np.isnan(matrix.values).sum())} missing cells: mean |difference| "
            f"{diff.mean_abs_diff:.2f}, largest {diff.max_abs_diff:.2f}. Darker purple = larger. Most different: {tops}"
        )
        if diff.top:
            r, c = diff.top[0][:2]
            self._go_to_cell(r, c)

    def _on_training_finished_shading(self, spread: np.ndarray) -> None:
        model = self.window.model
        missing = np.isnan(model.matrix.values)
        top = float(spread[missing].max()) if missing.any() else 0.0
        model.set_shading(np.where(missing, spread / top if top > 0 else 0.0, np.nan), SPREAD_COLOR)

    # ------------------------------------------------------------------ projector export
    def _on_export_projector(self) -> None:
        path = self.window.path
        stem = path.stem if path else "embeddings"
        start = Path(settings.read("file/last_dir") or Path.home()) / f"{stem}-vectors.tsv"
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Export embeddings (vectors TSV)", str(start),
                                                "TSV files (*.tsv)")
        if chosen:
            self.export_projector_to(chosen)

    def export_projector_to(self, vectors_path: str | Path) -> tuple[Path, Path] | None:
        """Write ``…-vectors.tsv`` and its ``…-metadata.tsv`` beside it (engine: ``export_projector``)."""
        fit_result = getattr(self.outcome, "fit_result", None)
        if fit_result is None:
            show_error(self.window, "No embeddings to export", "Train a model first (F5).")
            return None
        vectors = Path(vectors_path)
        name = vectors.name
        if name.endswith("-vectors.tsv"):
            meta = vectors.with_name(name[: -len("-vectors.tsv")] + "-metadata.tsv")
        else:
            meta = vectors.with_name(vectors.stem + "-metadata.tsv")
        from ..core.analysis import export_projector

        try:
            export_projector(vectors, meta, self.window.model.matrix, fit_result)
        except SoloRecError as exc:
            show_error(self.window, "Cannot export the embeddings", str(exc))
            return None
        self.window.statusBar().showMessage(
            f"Wrote {vectors.name} and {meta.name}: load both at projector.tensorflow.org", 10000)
        return vectors, meta


def install_insight(window: Any) -> Insight:
    return Insight(window)


__all__ = ["Insight", "install_insight"]
