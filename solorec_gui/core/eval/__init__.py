"""Is the model right? Metrics, splits, held-out evaluation, comparison, ensembles.

Everything trains through :func:`solorec_gui.core.fit.fit`, so it works for every model.
"""

from __future__ import annotations

from .compare import CompareRow, Verdict, compare, format_compare_table, verdict
from .ensemble import PredictionDiff, ensemble_fit, prediction_diff
from .metrics import mae, rmse
from .splits import DEFAULT_HOLDOUT, INNER_VALIDATION, align_cells, align_test, holdout_split, kfold_splits
from .validation import EvalProgress, EvalResult, FoldResult, as_spec, errors_on, evaluate, predict_cells

__all__ = [
    "DEFAULT_HOLDOUT",
    "INNER_VALIDATION",
    "CompareRow",
    "EvalProgress",
    "EvalResult",
    "FoldResult",
    "PredictionDiff",
    "Verdict",
    "align_cells",
    "align_test",
    "as_spec",
    "compare",
    "ensemble_fit",
    "errors_on",
    "evaluate",
    "format_compare_table",
    "holdout_split",
    "kfold_splits",
    "mae",
    "predict_cells",
    "prediction_diff",
    "rmse",
    "verdict",
]
