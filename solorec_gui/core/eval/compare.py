"""Compare models on the same splits, each with its own settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..data import RatingMatrix
from ..errors import ConfigError
from ..models import LECTURE_SEED, TrainSpec
from .metrics import json_number
from .validation import EvalProgress, EvalResult, evaluate


@dataclass
class CompareRow:
    """One model's line in the comparison table."""

    model: str
    rmse: float
    rmse_sd: float
    mae: float
    mae_sd: float
    seconds: float
    result: EvalResult = field(repr=False)
    #: The model's key settings, as trained (each model with its own).
    settings: str = ""

    @property
    def rmse_text(self) -> str:
        return f"{self.rmse:.4f} ± {self.rmse_sd:.4f}"

    def to_json_dict(self) -> dict:
        return {
            "model": self.model,
            "settings": self.settings,
            "rmse": json_number(self.rmse),
            "rmse_sd": json_number(self.rmse_sd),
            "mae": json_number(self.mae),
            "mae_sd": json_number(self.mae_sd),
            "seconds": json_number(round(self.seconds, 4)),
            "n_train": int(self.result.n_train),
            "n_test": int(self.result.n_test),
            "train_rmse": json_number(self.result.train_rmse),
        }


@dataclass
class Verdict:
    """Which model wins a comparison, if any: a winner only when its lead is larger than the spread."""

    winner: str | None
    runner_up: str | None
    #: RMSE lead of the best model over the second.
    lead: float
    #: The larger of the two models' fold-to-fold standard deviations (0 for a single split).
    spread: float
    text: str


def verdict(rows: list[CompareRow]) -> Verdict:
    """Name a winner only when the best RMSE beats the second by more than the fold-to-fold spread.

    With one split (a test file or a holdout) there is no spread, and the lower RMSE wins.
    """
    ranked = sorted((r for r in rows if r.rmse == r.rmse), key=lambda r: r.rmse)
    if not ranked:
        return Verdict(None, None, 0.0, 0.0, "no model produced a result")
    if len(ranked) == 1:
        return Verdict(ranked[0].model, None, 0.0, 0.0, f"{ranked[0].model}: RMSE {ranked[0].rmse:.4f}")
    best, second = ranked[0], ranked[1]
    lead = second.rmse - best.rmse
    spread = max(best.rmse_sd, second.rmse_sd)
    if lead > spread:
        text = f"{best.model} wins: its RMSE is {lead:.4f} lower than {second.model}'s"
        if spread > 0:
            text += f", more than the spread between folds ({spread:.4f})"
        return Verdict(best.model, second.model, lead, spread, text)
    text = (
        f"no clear winner: {best.model} is ahead of {second.model} by {lead:.4f}, "
        f"less than the spread between folds ({spread:.4f})"
    )
    return Verdict(None, second.model, lead, spread, text)


def compare(
    matrix: RatingMatrix,
    specs: dict[str, TrainSpec] | list[str],
    folds: int | None = 5,
    seed: int = LECTURE_SEED,
    *,
    test: RatingMatrix | None = None,
    holdout: float | None = None,
    on_progress: Callable[[EvalProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[CompareRow]:
    """Evaluate several models on the same splits; one :class:`CompareRow` per name.

    ``specs`` maps a row name to a :class:`TrainSpec` (each model with its own
    settings), or is a list of model names (each with its own defaults).
    Default: ``folds``-fold cross-validation with split ``seed`` (the same folds
    for every model, each trained with its own seed). Pass ``test`` or
    ``holdout`` instead to compare on a test file or a single holdout (then
    ``folds`` is ignored). ``on_progress`` fractions cover the whole comparison.
    """
    if not specs:
        raise ConfigError("nothing to compare: give at least one model")
    if not isinstance(specs, dict):
        specs = {name: TrainSpec(name) for name in specs}
    if test is not None or holdout is not None:
        folds = None
    names = list(specs)
    rows: list[CompareRow] = []
    for m, name in enumerate(names):

        def hook(p: EvalProgress, m=m, name=name) -> None:
            if on_progress is not None:
                on_progress(
                    EvalProgress(m * p.runs + p.run, len(names) * p.runs, p.epoch, p.epochs, name, p.report)
                )

        result = evaluate(
            matrix, specs[name], test=test, holdout=holdout, folds=folds, seed=seed,
            on_progress=hook, should_stop=should_stop, label=name,
        )
        rows.append(CompareRow(name, result.rmse, result.rmse_sd, result.mae, result.mae_sd, result.fit_seconds,
                               result, specs[name].summary()))
    return rows


def format_compare_table(rows: list[CompareRow]) -> str:
    """The comparison as a plain-text table (for the CLI), with each model's settings and the verdict."""
    head = f"{'model':<12} {'RMSE (mean ± sd)':>20} {'MAE (mean ± sd)':>20} {'seconds':>9}  settings"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.model:<12} {f'{r.rmse:.4f} ± {r.rmse_sd:.4f}':>20} {f'{r.mae:.4f} ± {r.mae_sd:.4f}':>20} "
            f"{r.seconds:>9.2f}  {r.settings}"
        )
    lines.append(verdict(rows).text)
    return "\n".join(lines)
