"""'Is the model right?' in the window: the Evaluate, Embedding map and Recommend tabs, the
predicted-cell explanations and the projector export.

Built once by the window with a :class:`~.host.Host` and the :class:`~.trainer.Trainer`.
Cross-validation and comparison run through the same job protocol as F5 (their
progress, Stop and failures are shown by the trainer); comparison trains each
model **with its own settings** (the panel's, for this file), shows them in the
table, and names a winner only when the lead is larger than the spread between
folds. "Shade where they differ" shows, while it is on, the first model's
predictions in the grid, so the text and the grid show the same numbers.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, QObject, Slot
from PySide6.QtWidgets import QFileDialog

from ..core import catalog
from ..core.data import cells_text
from ..core.errors import ConfigError, SoloRecError
from ..core.models import model_class
from . import settings
from .embedding_map import EmbeddingMap
from .evaluation_panel import DIFF_COLOR, EvaluationPanel
from .host import Host
from .jobs import JobResult
from .recommend_panel import RecommendPanel
from .trainer import Trainer, short_name

log = logging.getLogger(__name__)


class Insight(QObject):
    """The evaluation, map and recommendation panels of one window; see the module docstring."""

    def __init__(self, host: Host, trainer: Trainer) -> None:
        super().__init__(host.widget)
        self.host = host
        self.trainer = trainer
        self._diff: tuple[str, str, np.ndarray, np.ndarray] | None = None

        self.map = EmbeddingMap()
        self.recommend = RecommendPanel()
        self.evaluation = EvaluationPanel()
        host.add_tab(self.evaluation, self.tr("Evaluate"))
        host.add_tab(self.map, self.tr("Embedding map"))
        host.add_tab(self.recommend, self.tr("Recommend"))

        trainer.trainingFinished.connect(self._on_training_finished)
        trainer.trainingStarted.connect(self._on_training_started)
        host.jobs.partial.connect(self._on_partial)
        host.jobs.started.connect(self._on_busy)
        host.jobs.idle.connect(self._on_idle)
        host.tabs.currentChanged.connect(self._on_tab)
        host.document.loaded.connect(self._on_document_loaded)
        host.grid.view.selectionModel().currentChanged.connect(self._on_current_cell)
        self.map.userClicked.connect(self.select_user)
        self.map.itemClicked.connect(self.select_item)
        self.map.exportRequested.connect(self._on_export_projector)
        self.recommend.cellRequested.connect(self._go_to_cell)
        self.evaluation.crossvalRequested.connect(self.run_crossval)
        self.evaluation.compareRequested.connect(self.run_compare)
        self.evaluation.diffToggled.connect(self._apply_diff)
        self._on_tab()

    @property
    def outcome(self) -> Any:
        return self.host.document.outcome

    # ------------------------------------------------------------------ training results
    @Slot(str)
    def _on_training_started(self, _kind: str) -> None:
        self.map.set_live(True)

    @Slot(object)
    def _on_partial(self, value: Any) -> None:
        if isinstance(value, tuple) and value and value[0] == "map":
            _, users_xy, items_xy, explained, epoch = value
            self.map.push_live(users_xy, items_xy, explained, epoch)

    @Slot(int)
    def _on_tab(self, _index: int = 0) -> None:
        # the worker takes no embedding snapshot nobody sees
        self.host.jobs.partial_wanted = self.host.tabs.currentWidget() is self.map

    @Slot(str)
    def _on_busy(self, _kind: str) -> None:
        self.evaluation.set_busy(True)

    @Slot()
    def _on_idle(self) -> None:
        self.evaluation.set_busy(False)
        self.map.set_live(False)

    @Slot(object)
    def _on_training_finished(self, outcome: Any) -> None:
        self.map.set_live(False)
        self._diff = None
        self.evaluation.diff_box.setChecked(False)
        model = self.host.document.model
        model.set_tooltip_extra(self.explain)
        self._show_map(outcome)
        if model.is_sparse:  # lists ranked from the model, user by user (never a full grid of predictions)
            fit_result = getattr(outcome, "fit_result", None)  # a ranker's scores order the lists too
            self.recommend.set_predictor(model.matrix, getattr(fit_result, "model", fit_result))
        elif model_class(outcome.spec.model).rates:
            self.recommend.set_predictions(model.matrix, model.predictions)
        else:  # a ranker: its scores order the lists; they are no ratings and not in the grid
            self.recommend.set_predictions(model.matrix, outcome.predictions, self.tr(
                "{0}'s scores (a ranker: they order items, they are not ratings); double-click a line to go to "
                "the cell").format(short_name(outcome.spec.model)))

    def _show_map(self, outcome: Any) -> None:
        matrix = self.host.document.matrix
        if not matrix.is_dense:
            self.map.clear(self.tr("{u} users and {i} items are too many points to draw: the map is off at this "
                                   "size").format(
                u=f"{matrix.n_users:,}", i=f"{matrix.n_items:,}"))
            return
        fit_result = getattr(outcome, "fit_result", None)
        if fit_result is None:
            self.map.clear(self.tr("The loaded model's rows and columns differ from the grid's: no map"))
            return
        notes = []
        if outcome.members > 1:
            notes.append(self.tr("model 1 of the ensemble (seed {0})").format(getattr(fit_result.spec.params, "seed", "?")))
        dim = getattr(fit_result.spec.params, "dim", 2)
        if dim > 2:
            notes.append(self.tr("dim {0} projected with PCA").format(dim))
        note = "; ".join(notes)
        if outcome.has_map_points:
            points = outcome.map_points
            if points is None:
                self.map.clear(self.tr("This model has no embeddings (the baseline has only biases): nothing to map"))
            else:
                self.map.set_points(points[0], points[1], points[2], None, note)
            return
        try:
            self.map.show_model(fit_result, note)
        except Exception:
            log.exception("embedding map")
            self.map.clear(self.tr("This model's embeddings cannot be drawn"))

    # ------------------------------------------------------------------ explanations
    def explain(self, row: int, col: int) -> str | None:
        """Extra tooltip text for a predicted cell: the model's parts (engine: ``explain_cell``)."""
        lines: list[str] = []
        if self._diff is not None:
            a, b, pa, pb = self._diff
            lines.append(self.tr("{a} {pa:.2f} vs {b} {pb:.2f} (|difference| {d:.2f}, each trained on all ratings "
                                 "with its own settings)").format(a=short_name(a), pa=pa[row, col], b=short_name(b),
                                                                  pb=pb[row, col], d=abs(pa[row, col] - pb[row, col])))
            return "\n".join(lines)
        outcome = self.outcome
        if outcome is None:
            return None
        if outcome.spread is not None:
            lines.append(self.tr("Ensemble of {k} seeds: mean {m:.3f}, spread (sd) {s:.3f}").format(
                k=outcome.members, m=outcome.predictions[row, col], s=outcome.spread[row, col]))
        fit_result = outcome.fit_result
        if fit_result is not None:
            from ..core.analysis import explain_cell

            from ..core.texts import translated
            from .params_form import tr_engine

            info = explain_cell(fit_result, self.host.document.matrix, row, col)
            body = [translated(line, lambda t: QCoreApplication.translate("Explain", t), tr_engine)
                    for line in info["lines"][1:]]
            if body:
                seed = getattr(fit_result.spec.params, "seed", "?")
                lines.append(self.tr("Why (model 1, seed {0}):").format(seed) if outcome.members > 1 else self.tr("Why:"))
                lines.extend("  " + line for line in body)
        return "\n".join(lines) or None

    # ------------------------------------------------------------------ grid ↔ panels
    @Slot()
    def _on_document_loaded(self) -> None:
        matrix = self.host.document.matrix
        self._diff = None
        self.host.grid.show_overlay_note(None)
        self.map.set_live(False)
        self.map.set_labels(matrix.users, matrix.items)
        self.recommend.set_matrix(matrix)
        self.evaluation.clear()
        large = catalog.is_large(matrix)
        self.evaluation.set_default_models([n for n in self.evaluation.model_boxes if model_class(n).large_data == large])

    @Slot(QModelIndex, QModelIndex)
    def _on_current_cell(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.recommend.select_user(current.row())
            self.recommend.select_item(current.column())

    @Slot(int)
    def select_user(self, row: int) -> None:
        """Select a user's row in the grid (a click on the map)."""
        view, model = self.host.grid.view, self.host.document.model
        view.selectRow(row)
        view.selectionModel().setCurrentIndex(
            model.index(row, max(0, view.currentIndex().column())),
            QItemSelectionModel.SelectionFlag.Rows | QItemSelectionModel.SelectionFlag.Current)
        view.scrollTo(model.index(row, 0))
        self.recommend.select_user(row)

    @Slot(int)
    def select_item(self, col: int) -> None:
        """Select an item's column in the grid (a click on the map)."""
        view = self.host.grid.view
        view.selectColumn(col)
        view.scrollTo(self.host.document.model.index(0, col))
        self.recommend.select_item(col)

    @Slot(int, int)
    def _go_to_cell(self, row: int, col: int) -> None:
        view = self.host.grid.view
        index = self.host.document.model.index(row, col)
        view.setCurrentIndex(index)
        view.scrollTo(index)

    # ------------------------------------------------------------------ evaluation
    def _can_start(self) -> bool:
        host = self.host
        if host.jobs.is_running():
            host.status(self.tr("A job is already running; press Esc to stop it"), 5000)
            return False
        host.grid.commit_open_editor()
        return True

    def _begin(self, what: str) -> None:
        plot = self.host.plot
        plot.clear()
        plot.set_curve_visible("valid", False)
        plot.caption.setText(self.tr("{0}: each run's training loss, one after another").format(what))
        self.host.panel.progress_label.setText(self.tr("{0}…").format(what))
        self.evaluation.summary.setText(self.tr("{0} running… (Esc stops it)").format(what))

    def _patience(self) -> int | None:
        options = self.host.panel.validation.options()
        return options["patience"] if options["holdout_percent"] else None

    @Slot(int)
    def run_crossval(self, folds: int) -> bool:
        if not self._can_start():
            return False
        try:
            spec = self.host.panel.spec(patience=self._patience())  # early stopping on a split of each training part
        except ConfigError as exc:
            self.host.error(self.tr("Check the training settings"), str(exc))
            return False
        if not model_class(spec.model).rates:
            self.host.error(self.tr("Cross-validation needs ratings"), self.tr(
                "{0} ranks items for a user; it does not predict ratings, so held-out RMSE and MAE do not apply. "
                "Cross-validate a model that predicts ratings.").format(short_name(spec.model)))
            return False
        from .engine_jobs import crossval_job

        self.host.panel.save()
        self._begin(self.tr("Cross-validation"))
        self.host.jobs.start(crossval_job(self.host.document.matrix.copy(), spec, folds), "cross-validation",
                             self._on_crossval_end)
        return True

    def _on_crossval_end(self, result: JobResult) -> None:
        self.trainer.restore_plot()
        if not result.finished:
            self._not_finished(result, self.tr("Cross-validation stopped: no result."))
            return
        value = result.value
        self.evaluation.show_crossval(value, short_name(value.spec.model), value.spec.summary())
        message = self.tr("Cross-validated {model} in {s:.1f} s: RMSE {r:.3f} ± {rsd:.3f}, MAE {m:.3f} ± {msd:.3f}").format(
            model=short_name(value.spec.model), s=value.fit_seconds, r=value.rmse_mean, rsd=value.rmse_sd,
            m=value.mae_mean, msd=value.mae_sd)
        self.host.document.set_status(message)
        self.host.status(message, 10000)

    def _not_finished(self, result: JobResult, stopped_text: str) -> None:
        if result.cancelled:
            self.evaluation.summary.setText(stopped_text)
            self.trainer.report_stopped(result.kind, self.tr("no result"))
        else:
            self.evaluation.summary.setText(self.tr("{0} failed: {1}").format(result.kind.capitalize(), result.message))
            self.trainer.report_failure(result.kind, result.message)

    @Slot(int, list)
    def run_compare(self, folds: int, models: list) -> bool:
        if not models:
            self.host.status(self.tr("Tick at least one model to compare"), 5000)
            return False
        matrix = self.host.document.matrix
        if not matrix.is_dense:
            self.host.error(self.tr("Comparison"), self.tr(
                "A comparison predicts every cell of the table with each model to show where they differ; at "
                "{0} that is not possible. Cross-validate one model at a time instead.").format(
                cells_text(matrix.n_users * matrix.n_items)))
            return False
        if not self._can_start():
            return False
        panel = self.host.panel
        try:
            specs = {name: panel.spec(name, patience=self._patience()) for name in models}
        except ConfigError as exc:
            self.host.error(self.tr("Check the training settings"), str(exc))
            return False
        seed = int(getattr(panel.params(), "seed", 43052)) if panel.form().is_valid() else 43052
        from .engine_jobs import compare_job

        panel.save()
        self._begin(self.tr("Comparison"))
        self.host.jobs.start(compare_job(self.host.document.matrix.copy(), specs, folds, seed), "comparison",
                             self._on_compare_end)
        return True

    def _on_compare_end(self, result: JobResult) -> None:
        self.trainer.restore_plot()
        if not result.finished:
            self._not_finished(result, self.tr("Comparison stopped: no result."))
            return
        value = result.value
        self.evaluation.show_compare(value, {name: short_name(name) for name in value.predictions})
        text = self.tr("Compared {0}").format(", ".join(short_name(r.model) for r in value.rows))
        self.host.document.set_status(text + ". " + self.evaluation.verdict_text)
        self.host.status(text, 10000)

    # ------------------------------------------------------------------ where two models differ
    @Slot(bool)
    def _apply_diff(self, on: bool) -> None:
        """Shade the predicted cells by how much two compared models differ there (and show the first's)."""
        doc, grid = self.host.document, self.host.grid
        model = doc.model
        compared = self.evaluation.last_compare
        pair = self.evaluation.diff_models()
        if not on or compared is None or pair is None:
            was = self._diff is not None
            self._diff = None
            self.evaluation.diff_label.setText("" if not on or compared is None else self.tr("Pick two different models."))
            if was:
                doc.clear_overlay()
                grid.show_overlay_note(None)
                model.set_tooltip_extra(self.explain)
            model.set_shading(None)
            self.trainer.shade_spread()
            return
        from ..core.eval import prediction_diff

        a, b = pair
        pa, pb = compared.predictions[a], compared.predictions[b]
        matrix = model.matrix
        if pa.shape != matrix.shape:
            self.evaluation.diff_label.setText(self.tr("The grid changed size since the comparison; compare again."))
            return
        name_a, name_b = short_name(a), short_name(b)
        spec_a = compared.specs.get(a)
        doc.show_overlay(pa, self.tr("Comparison: {model} ({summary}), trained on all ratings").format(
            model=name_a, summary=spec_a.summary() if spec_a is not None else ""))
        grid.show_overlay_note(self.tr(
            "The grid shows {a}'s predictions from the comparison (trained on all ratings with its own settings) while "
            "the shading is on; untick it to see your trained model's again.").format(a=name_a))
        diff = prediction_diff(pa, pb, matrix, n=3)
        scale = diff.max_abs_diff or 1.0
        model.set_shading(diff.abs_diff / scale, DIFF_COLOR)
        self._diff = (a, b, pa, pb)
        model.set_tooltip_extra(self.explain)
        tops = "; ".join(f"{matrix.users[r]} × {matrix.items[c]}: {name_a} {x:.2f}, {name_b} {y:.2f}"
                         for r, c, x, y, _ in diff.top)
        self.evaluation.diff_label.setText(self.tr(
            "{a} vs {b} on the {n} missing cells: mean |difference| {mean:.2f}, largest {top:.2f}. Darker purple = "
            "larger. The grid shows {a}'s predictions. Most different: {tops}").format(
                a=name_a, b=name_b, n=int(np.isnan(matrix.values).sum()), mean=diff.mean_abs_diff,
                top=diff.max_abs_diff, tops=tops))
        if diff.top:
            r, c = diff.top[0][:2]
            self._go_to_cell(r, c)

    # ------------------------------------------------------------------ projector export
    def _on_export_projector(self) -> None:
        path = self.host.document.path
        stem = path.stem if path else "embeddings"
        start = Path(settings.read("file/last_dir") or Path.home()) / f"{stem}-vectors.tsv"
        chosen, _ = QFileDialog.getSaveFileName(self.host.widget, self.tr("Export embeddings (vectors TSV)"), str(start),
                                                self.tr("TSV files (*.tsv)"))
        if chosen:
            self.export_projector_to(chosen)

    def export_projector_to(self, vectors_path: str | Path) -> tuple[Path, Path] | None:
        """Write ``…-vectors.tsv`` and its ``…-metadata.tsv`` beside it (engine: ``export_projector``)."""
        fit_result = getattr(self.outcome, "fit_result", None)
        if fit_result is None:
            self.host.error(self.tr("No embeddings to export"), self.tr("Train a model first (F5)."))
            return None
        vectors = Path(vectors_path)
        name = vectors.name
        if name.endswith("-vectors.tsv"):
            meta = vectors.with_name(name[: -len("-vectors.tsv")] + "-metadata.tsv")
        else:
            meta = vectors.with_name(vectors.stem + "-metadata.tsv")
        from ..core.analysis import export_projector

        try:
            export_projector(vectors, meta, self.host.document.matrix, fit_result)
        except SoloRecError as exc:
            self.host.error(self.tr("Cannot export the embeddings"), str(exc))
            return None
        self.host.status(self.tr("Wrote {v} and {m}: load both at projector.tensorflow.org").format(
            v=vectors.name, m=meta.name), 10000)
        return vectors, meta


__all__ = ["Insight"]
