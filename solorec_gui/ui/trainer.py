"""F5 and Esc: training, validation and ensembles through the job protocol, and what every job shows.

:class:`Trainer` starts the F5 job (the panel's model with its own settings; a
validation holdout, early stopping and an ensemble as the options say), shows
the progress of *every* job (the loss curve, one per training phase; the
progress bar to the run's real total; time left), and reports how a job ended,
three different ways:

* **finished** — the predictions fill the grid with their provenance; the status
  names each phase's final loss. A result worse than predicting every rating with
  the mean is *not* presented as a success: the status starts "Not trustworthy",
  a warning dialog says why, the grid's banner and tooltips repeat it;
* **stopped** (Esc) — "Stopped …", never a failure: a stopped training shows what
  it learnt so far, marked "stopped early"; a stopped ensemble or evaluation shows nothing new;
* **failed** — a warning titled "<Training|Validation|…> failed" with the reason;
  nothing is applied.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from ..core.data import cells_text
from ..core.errors import ConfigError
from ..core.models import model_class
from . import engine_info
from .engine_info import spec_epochs
from .host import Host
from .jobs import JobResult, Progress, kind_title
from .params_form import tr_engine

# The ensemble's spread: its own colour (purple), not the stale predictions' orange; grid legend entry.
SPREAD_COLOR = "#7b3fb5"
VALID_COLOR = "#c62828"
TRAINING_KINDS = ("training", "validation", "ensemble")
WARN_LABEL = "color:#8a1010; font-weight:bold;"


def short_name(model: str) -> str:
    """``MF``, ``NN``, ``MF + AutoRec blend (large data)``: a model's display name before any colon, translated
    (tools/update_translations.py collects these short names from the registry)."""
    return tr_engine((model_class(model).display_name or model).split(":")[0])


def _duration(seconds: float) -> str:
    if seconds < 1:
        return "<1 s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class Trainer(QObject):
    """See the module docstring."""

    #: A training's predictions are shown (a TrainOutcome; ``stopped`` when Esc ended it).
    trainingFinished = Signal(object)
    #: A training, validation or ensemble failed (the message); nothing was applied.
    trainingFailed = Signal(str)
    #: A job was stopped with nothing to show (its kind).
    jobStopped = Signal(str)
    #: F5 started a job of this kind (training, validation or ensemble).
    trainingStarted = Signal(str)

    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        self._snapshot: np.ndarray | None = None
        self._restart = False
        self._job_status = ""
        self._epoch_format: str | None = None
        plot = host.plot
        if not plot.has_curve("valid"):
            plot.add_curve("valid", self.tr("validation loss"), VALID_COLOR)
        plot.set_curve_visible("valid", False)
        jobs = host.jobs
        jobs.started.connect(self._on_started)
        jobs.progress.connect(self._on_progress)
        jobs.status.connect(self._on_status)
        jobs.fraction.connect(self._on_fraction)
        jobs.batch.connect(self._on_batch)
        jobs.idle.connect(self._on_idle)
        host.document.loaded.connect(self._on_document_loaded)
        host.document.statusChanged.connect(self._show_document_status)
        host.panel.train_button.clicked.connect(self.train)
        host.panel.stop_button.clicked.connect(self.stop)

    # -- F5 -----------------------------------------------------------------------------------
    def train(self) -> bool:
        """Train on a snapshot of the grid (F5). Returns False when it could not start."""
        host, jobs, panel = self.host, self.host.jobs, self.host.panel
        if jobs.is_running():
            if jobs.stop_requested():
                # Stop then Train at once: train again as soon as the stopped job has ended.
                self._restart = True
                panel.progress_label.setText(self.tr("Stopping… training again as soon as the stopped run ends"))
                return True
            host.status(self.tr("A job is already running; press Esc to stop it"), 5000)
            return False
        self._restart = False
        host.grid.commit_open_editor()  # an edit being typed belongs in the snapshot
        options = panel.validation.options()
        try:
            spec = panel.spec(patience=options["patience"] if options["holdout_percent"] else None)
        except ConfigError as exc:
            host.error(self.tr("Check the training settings"), str(exc))
            return False
        doc = host.document
        if not model_class(spec.model).rates and (options["holdout_percent"] or options["ensemble"]):
            host.error(self.tr("Check the training settings"), self.tr(
                "{model} ranks items for a user; it does not predict ratings, so a holdout's RMSE and an ensemble's "
                "spread do not apply: untick them to train it.").format(model=short_name(spec.model)))
            return False
        if not doc.matrix.is_dense and options["ensemble"]:
            host.error(self.tr("Check the training settings"), self.tr(
                "An ensemble averages every member's full grid of predictions; at {0} that grid cannot exist. "
                "Untick the ensemble to train one model.").format(cells_text(doc.matrix.n_users * doc.matrix.n_items)))
            return False
        if doc.matrix.n_known == 0:
            host.error(self.tr("Nothing to train on"), self.tr("The grid has no known rating."))
            return False
        panel.save()
        panel.validation.save()
        panel.validation.clear_result()
        kind = "ensemble" if options["ensemble"] else "validation" if options["holdout_percent"] else "training"
        # A sparse table is read-only: it is its own snapshot (no copy of 25 million ratings).
        snapshot = doc.matrix.copy() if doc.matrix.is_dense else doc.matrix
        self._snapshot = snapshot.values if snapshot.is_dense else None
        plot = host.plot
        plot.clear()
        validating = bool(options["holdout_percent"])
        plot.set_curve_visible("valid", validating)
        plot.plot_widget.getPlotItem().setLabel(
            "left", self.tr("loss (MSE)") if validating else self.tr("training loss (MSE)"))
        panel.progress.setRange(0, spec_epochs(spec) * (options["ensemble"] or 1))
        panel.progress.setValue(0)
        panel.progress_label.setStyleSheet("")
        panel.progress_label.setText(
            self.tr("Loading the training engine (torch), the first time only…")
            if not engine_info.engine_loaded() else self.tr("Starting…"))
        from .engine_jobs import training_job

        job = training_job(snapshot, spec, holdout_percent=options["holdout_percent"], ensemble=options["ensemble"])
        jobs.start(job, kind, self._on_end)
        self.trainingStarted.emit(kind)
        return True

    def stop(self) -> None:
        """Esc: stop the running job before its next epoch."""
        jobs = self.host.jobs
        if jobs.is_running():
            jobs.cancel()
            self.host.panel.progress_label.setText(self.tr("Stopping…"))
            self.host.panel.train_button.setEnabled(True)  # Train now = train again once stopped

    # -- progress of any job ----------------------------------------------------------------------
    @Slot(str)
    def _on_started(self, _kind: str) -> None:
        self._job_status = ""
        self.host.panel.set_busy(True)

    @Slot(str)
    def _on_status(self, text: str) -> None:
        self._job_status = text

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        plot, panel = self.host.plot, self.host.panel
        if progress.phases > 1 or len(progress.phase_names) > 1:
            plot.set_phase_names(progress.phase_names)
        plot.append(progress.epochs_done, progress.losses, phases=progress.phase_of)
        if any(v is not None for v in progress.val_losses) and plot.has_curve("valid"):
            plot.append(progress.epochs_done, progress.val_losses, key="valid")
        panel.progress.setRange(0, progress.epochs)
        panel.progress.setValue(progress.epoch)
        text = self.tr("Epoch {epoch}/{epochs}").format(epoch=progress.epoch, epochs=progress.epochs)
        if progress.phases > 1 and progress.phase:
            text += f" · {progress.phase}"
        text += " · " + self.tr("loss {0:.5g}").format(progress.losses[-1])
        left = progress.seconds_left
        if left is not None:
            text += " · " + self.tr("{0} left").format(_duration(left))
        if self._job_status:
            text = f"{self._job_status} · {text}"
        panel.progress_label.setText(text)

    @Slot(object)
    def _on_batch(self, report) -> None:
        """Within a long epoch (25 M ratings: ~35 s): the curve and the label move with the running loss, the
        mean of the epoch's batches so far, drawn at epoch − 1 + fraction (at the end it is the epoch's point)."""
        plot, panel = self.host.plot, self.host.panel
        if report.phases > 1 and report.phase:
            plot.set_phase_names({report.phase_index: report.phase})
        plot.append([report.epoch - 1 + report.fraction], [report.loss], phases=[report.phase_index])
        text = self.tr("Epoch {epoch}/{epochs}, {pct:.0f} %").format(
            epoch=report.epoch, epochs=report.epochs, pct=report.fraction * 100)
        if report.phases > 1 and report.phase:
            text += f" · {report.phase}"
        text += " · " + self.tr("loss so far {0:.5g}").format(report.loss)
        if self._job_status:
            text = f"{self._job_status} · {text}"
        panel.progress_label.setText(text)

    @Slot(float)
    def _on_fraction(self, value: float) -> None:
        """A job without epochs (an export) shows how far it is."""
        panel = self.host.panel
        if self._epoch_format is None:
            self._epoch_format = panel.progress.format()
            panel.progress.setFormat("%p %")
        panel.progress.setRange(0, 1000)
        panel.progress.setValue(int(value * 1000))
        panel.progress_label.setText(self.tr("{what}: {pct:.0f} % (Esc stops it)").format(
            what=kind_title(self.host.jobs.kind), pct=value * 100))

    @Slot()
    def _on_idle(self) -> None:
        self.host.panel.set_busy(False)
        if self._epoch_format is not None:
            self.host.panel.progress.setFormat(self._epoch_format)
            self._epoch_format = None
        if self._restart and self.host.widget.isVisible():
            self.train()

    @Slot()
    def _on_document_loaded(self) -> None:
        self._restart = False  # a Train pressed for the previous file
        self._snapshot = None
        plot = self.host.plot
        plot.clear()
        plot.set_curve_visible("valid", False)
        plot.plot_widget.getPlotItem().setLabel("left", self.tr("training loss (MSE)"))
        self.host.panel.validation.clear_result()

    @Slot(str)
    def _show_document_status(self, text: str) -> None:
        label = self.host.panel.progress_label
        label.setText(text or self.tr("Ready"))
        outcome = self.host.document.outcome
        label.setStyleSheet(WARN_LABEL if text and getattr(outcome, "warning", None) else "")

    # -- how a job ended -------------------------------------------------------------------------
    def _on_end(self, result: JobResult) -> None:
        snapshot, self._snapshot = self._snapshot, None
        if result.finished:
            self._apply(result.value, snapshot)
        elif result.cancelled and result.value is not None:
            self._apply(result.value, snapshot)  # a stopped training: what it learnt so far
        elif result.cancelled:
            self.report_stopped(result.kind, self.tr("no prediction was applied"))
            self.restore_plot()
        else:
            self.report_failure(result.kind, result.message)
            self.restore_plot()

    def report_stopped(self, kind: str, detail: str) -> None:
        """A job the user stopped: "Stopped", never a failure."""
        text = self.tr("Stopped: {what} stopped before it ended; {detail}.").format(
            what=kind_title(kind), detail=detail)
        self.host.document.set_status(text)
        self.host.status(text, 10000)
        self.jobStopped.emit(kind)

    def report_failure(self, kind: str, message: str) -> None:
        """A job that failed: a warning titled "<Kind> failed"; nothing was applied."""
        title = self.tr("{0} failed").format(kind_title(kind))
        self.host.document.set_status(f"{title}: {message}")
        applied = self.tr("No prediction was applied.") if kind in TRAINING_KINDS else self.tr("Nothing was changed.")
        self.host.error(title, f"{message}\n\n{applied}")
        if kind in TRAINING_KINDS:
            self.trainingFailed.emit(message)

    def _apply(self, outcome, snapshot: np.ndarray | None) -> None:
        host, doc, panel = self.host, self.host.document, self.host.panel
        spec = outcome.spec
        name = short_name(spec.model)
        epochs_run = len(outcome.history)
        summary = spec.summary()
        if outcome.stopped:
            detail = self.tr("{summary}), stopped early after {n} of {total} epochs").format(
                summary=summary, n=epochs_run, total=spec_epochs(spec))
        else:
            detail = summary + ")"
        if outcome.members > 1:
            detail += self.tr(", mean of {0} seeds").format(outcome.members)
        note = self.tr("Model: {name} ({detail}; trained {when}").format(
            name=name, detail=detail, when=f"{outcome.finished_at:%Y-%m-%d %H:%M:%S}")
        rates = model_class(spec.model).rates
        doc.set_outcome(outcome, note, snapshot, in_grid=rates)
        if not rates:
            self.show_outcome_plot(outcome)
            text = self.tr("Trained {name} in {s:.1f} s. It ranks items for each user: its top-N lists are in the "
                           "Recommend tab. It does not predict ratings, so the grid's missing cells stay empty.").format(
                name=name, s=outcome.seconds)
            doc.set_status(text)
            host.status(text, 10000)
            self.trainingFinished.emit(outcome)
            return
        self.show_outcome_plot(outcome)
        self._shade_spread(outcome)
        status = self._status_text(outcome, name)
        extra = panel.validation.show_result(outcome, self._max_spread(outcome))
        doc.set_status(status + ("\n" + extra.replace("\n", "; ") if extra else ""))
        host.status(status.split("\n")[0], 10000)
        if outcome.warning and not outcome.stopped:
            host.error(self.tr("Not trustworthy: worse than the mean"),
                       self.tr("{name} was trained, but {warning}\n\nThe predictions are shown marked as not "
                               "trustworthy.").format(name=name, warning=outcome.warning))
        self.trainingFinished.emit(outcome)

    def _status_text(self, outcome, name: str) -> str:
        history = outcome.history
        spans = [s for s in (outcome.phases or []) if s.stop > s.start]
        if len(spans) > 1:
            losses = "; ".join(self.tr("{phase} final loss {loss:.5g}").format(phase=tr_engine(s.name), loss=history[s.stop - 1])
                               for s in spans)
        elif history:
            losses = self.tr("final loss {0:.5g}").format(history[-1])
        else:
            losses = self.tr("no epoch ran")
        m = self.host.document.matrix
        n_missing = f"{m.n_users * m.n_items - m.n_known:,}"
        if outcome.warning and not outcome.stopped:
            text = self.tr("Not trustworthy: {name} trained in {s:.1f} s ({losses}), but {warning}").format(
                name=name, s=outcome.seconds, losses=losses, warning=outcome.warning)
        elif outcome.stopped:
            text = self.tr("Stopped {name} after {s:.1f} s: {losses}; {n} missing cells predicted by the "
                           "stopped model").format(name=name, s=outcome.seconds, losses=losses, n=n_missing)
        else:
            text = self.tr("Trained {name} in {s:.1f} s: {losses}; {n} missing cells predicted").format(
                name=name, s=outcome.seconds, losses=losses, n=n_missing)
        if self.host.document.model.stale:
            text += self.tr(" (stale: ratings changed during training)")
        return text

    # -- the loss tab and the grid's shading -------------------------------------------------------------
    def show_outcome_plot(self, outcome) -> None:
        """The loss tab shows ``outcome``: its training loss per phase, its validation loss and markers."""
        plot = self.host.plot
        plot.clear()
        if outcome is None:
            return
        plot.set_history(outcome.history, phases=outcome.phases)
        val = list(outcome.val_history or [])
        plot.set_curve_visible("valid", bool(val))
        plot.set_history(val, key="valid")
        plot.mark_epoch(None)
        if val and outcome.members == 1 and len(val) > 1:
            if outcome.patience and outcome.best_epoch:
                plot.mark_epoch(outcome.best_epoch, self.tr("best epoch"))
            else:
                plot.mark_epoch(int(np.argmin(val)) + 1, self.tr("lowest validation loss"))

    def restore_plot(self) -> None:
        """After another job, the loss tab shows the grid's model again."""
        self.show_outcome_plot(self.host.document.outcome)

    def _max_spread(self, outcome) -> float | None:
        spread = outcome.spread
        if spread is None:
            return None
        missing = np.isnan(self.host.document.matrix.values)
        return float(spread[missing].max()) if missing.any() else 0.0

    def _shade_spread(self, outcome) -> None:
        """An ensemble: darker predicted cells where its members disagree more."""
        spread = getattr(outcome, "spread", None)
        model = self.host.document.model
        if spread is None or model.predictions is None:
            return
        missing = np.isnan(model.matrix.values)
        top = float(spread[missing].max()) if missing.any() else 0.0
        model.set_shading(np.where(missing, spread / top if top > 0 else 0.0, np.nan), SPREAD_COLOR)

    def shade_spread(self) -> None:
        if self.host.document.outcome is not None:
            self._shade_spread(self.host.document.outcome)

    def show_outcome(self, outcome, note: str) -> None:
        """Show predictions not trained here (a loaded model file) as if a training had just ended.

        Later edits mark them stale like a training's; ``trainingFinished`` tells the panels."""
        doc = self.host.document
        doc.set_outcome(outcome, note, doc.matrix.values if doc.matrix.is_dense else None)
        doc.add_note(note)
        self.show_outcome_plot(outcome)
        doc.set_status(note)
        self.trainingFinished.emit(outcome)


__all__ = ["Trainer", "short_name"]
