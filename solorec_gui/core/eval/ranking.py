"""Top-N lists and ranking metrics, with the protocol cornac and RecBole report.

* Candidates for a user are the items she did not rate in the training data.
* Relevant = a test rating ≥ ``relevant`` (default: the scale's top quarter, 4 on 1–5).
* Users with no relevant test item are skipped.
* precision@K = hits / K; recall@K = hits / number of relevant; NDCG@K with binary gains and
  log2 discounts (ideal DCG over min(K, relevant) hits); MAP@K = mean over users of the sum of
  precision@i at each hit i divided by min(K, relevant); hit_rate = share of users with at least one
  hit; coverage = distinct recommended items (over the scored users) / all items.

Ties in the scores are broken by item index, so the same scores always give the same list; the list
:func:`top_n` returns is the one ``recommend`` writes and :func:`ranking_metrics` scores.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ..errors import ConfigError
from ..models.base import LECTURE_SEED, liked_threshold
from .metrics import json_number


def default_relevant(scale: tuple[float, float]) -> float:
    """A liked rating: the scale's top quarter, 4 on 1–5 (see ``models.base.liked_threshold``)."""
    return liked_threshold(scale)


def top_n_chunked(model, matrix, n: int, rows: np.ndarray | None = None, *, chunk: int = 512,
                  should_stop=None) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each user's top-``n`` unrated items from a trained model, ``chunk`` users at a time.

    For a matrix too large to predict whole (a :class:`~..data.SparseRatingMatrix`): the scores of
    ``chunk`` users × every item are predicted (``predict_rows``), the users' own ratings excluded,
    and only the lists kept. Returns (item indices best first, their scores) per user of ``rows``.
    """
    from ..errors import Cancelled

    if int(n) < 1:
        raise ConfigError(f"the list length must be at least 1, not {n}")
    rows = np.arange(matrix.n_users) if rows is None else np.asarray(rows, dtype=np.int64)
    lists: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for s0 in range(0, len(rows), chunk):
        if should_stop is not None and should_stop():
            raise Cancelled()
        block_rows = rows[s0 : s0 + chunk]
        block = model.predict_rows(block_rows)
        exclude = np.zeros(block.shape, dtype=bool)
        for k, u in enumerate(block_rows):
            exclude[k, matrix.row(int(u))[0] if not matrix.is_dense else ~np.isnan(matrix.values[u])] = True
        for k, items in enumerate(top_n(block, exclude, n)):
            lists.append(items)
            scores.append(block[k, items])
    return lists, scores


def top_n(scores: np.ndarray, exclude: np.ndarray, n: int, rows: np.ndarray | None = None) -> list[np.ndarray]:
    """For each row (user) in ``rows`` (default: all), the indices of the ``n`` best-scored items
    not in ``exclude`` (her training ratings), best first; fewer when fewer candidates remain."""
    n = int(n)
    if n < 1:
        raise ConfigError(f"the list length must be at least 1, not {n}")
    scores = np.asarray(scores, dtype=np.float64)
    rows = np.arange(scores.shape[0]) if rows is None else np.asarray(rows)
    out = []
    for u in rows:
        cand = np.nonzero(~exclude[u])[0]
        if len(cand) == 0:
            out.append(cand)
            continue
        s = scores[u, cand]
        s = np.where(np.isfinite(s), s, -np.inf)
        if len(cand) > n:
            # The n-th best score; keep everything at least as good, then order (score desc, index asc).
            kth = np.partition(-s, n - 1)[n - 1]
            keep = -s <= kth
            cand, s = cand[keep], s[keep]
        order = np.lexsort((cand, -s))[:n]
        out.append(cand[order])
    return out


@dataclass
class RankingResult:
    k: int
    relevant: float
    precision: float
    recall: float
    ndcg: float
    map: float
    hit_rate: float
    coverage: float
    n_users: int

    def to_json_dict(self) -> dict:
        return {key: json_number(v) for key, v in asdict(self).items()}


def ranking_metrics(
    scores: np.ndarray,
    train_known: np.ndarray,
    test_values: np.ndarray,
    k: int = 10,
    relevant: float | None = None,
    scale: tuple[float, float] = (1.0, 5.0),
) -> RankingResult:
    """Score the top-``k`` lists of ``scores`` (users × items) against the test ratings (NaN = not tested)."""
    k = int(k)
    n_items = scores.shape[1]
    if k < 1:
        raise ConfigError(f"--top-k must be at least 1, not {k}")
    if k > n_items:
        raise ConfigError(f"--top-k {k} is larger than the number of items ({n_items})")
    rel = default_relevant(scale) if relevant is None else float(relevant)
    if not scale[0] <= rel <= scale[1]:
        raise ConfigError(f"--relevant {rel:g} is outside the rating scale {scale[0]:g} to {scale[1]:g}")
    test = np.asarray(test_values, dtype=np.float64)
    is_rel = np.nan_to_num(test, nan=-np.inf) >= rel
    users = np.nonzero(is_rel.any(axis=1))[0]
    if len(users) == 0:
        raise ConfigError(f"no test rating is relevant (≥ {rel:g}): nothing to rank against")
    lists = top_n(scores, train_known, k, users)
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    prec, rec, ndcg, ap, hits_any = [], [], [], [], []
    shown: set[int] = set()
    for u, items in zip(users, lists):
        shown.update(int(i) for i in items)
        hit = is_rel[u, items].astype(float)
        n_rel = int(is_rel[u].sum())
        h = hit.sum()
        prec.append(h / k)
        rec.append(h / n_rel)
        ideal = discounts[: min(k, n_rel)].sum()
        ndcg.append(float((hit * discounts[: len(hit)]).sum() / ideal))
        cum = np.cumsum(hit)
        ap.append(float((hit * cum / np.arange(1, len(hit) + 1)).sum() / min(k, n_rel)))
        hits_any.append(h > 0)
    return RankingResult(
        k=k, relevant=rel, precision=float(np.mean(prec)), recall=float(np.mean(rec)), ndcg=float(np.mean(ndcg)),
        map=float(np.mean(ap)), hit_rate=float(np.mean(hits_any)), coverage=len(shown) / n_items,
        n_users=len(users),
    )


def evaluate_ranking(
    matrix,
    spec=None,
    *,
    test=None,
    holdout: float | None = None,
    folds: int | None = None,
    k: int = 10,
    relevant: float | None = None,
    seed: int | None = None,
    on_progress=None,
    should_stop=None,
) -> RankingResult:
    """Train ``spec`` (a ranker or a rating model, which then ranks by predicted rating) on the training
    part and score its top-``k`` lists against the held-out ratings; with k folds, the metrics are the
    means over the folds (``n_users`` their sum). Same splits as :func:`.validation.evaluate`."""
    from ..errors import Cancelled
    from ..fit import fit
    from .splits import DEFAULT_HOLDOUT, _align, holdout_split, kfold_splits
    from .validation import EvalProgress, _choose_method, as_spec

    spec = as_spec(spec)
    method = _choose_method(test, holdout, folds)
    split_seed = int(getattr(spec.params, "seed", LECTURE_SEED) if seed is None else seed)  # a model may have no seed
    if not matrix.is_dense:
        raise matrix.refuse_dense("ranking every user's items (--top-k)")
    if method == "test":
        grid, (t_rows, t_cols, t_vals) = _align(matrix, test)
        if not grid.is_dense:
            raise grid.refuse_dense("ranking every user's items (--top-k)")
        test_values = np.full(grid.shape, np.nan)
        test_values[t_rows, t_cols] = t_vals
        splits = [(grid.known_mask, ~np.isnan(test_values))]
    else:
        grid, test_values = matrix, matrix.values
        splits = (
            [holdout_split(matrix, DEFAULT_HOLDOUT if holdout is None else holdout, split_seed)]
            if method == "holdout" else kfold_splits(matrix, folds, split_seed)
        )
    results = []
    for run, (train_mask, test_mask) in enumerate(splits, start=1):
        def hook(report, run=run):
            if on_progress is not None:
                on_progress(EvalProgress(run, len(splits), report.epoch, report.epochs, spec.model, report))

        result = fit(grid, spec, train_mask=train_mask, on_epoch=hook, should_stop=should_stop)
        if result.stopped:
            raise Cancelled()
        tv = np.where(test_mask, test_values, np.nan)
        results.append(ranking_metrics(result.model.predict_matrix(), grid.known_mask & train_mask, tv, k, relevant,
                                       grid.scale))
    mean = {f: float(np.mean([getattr(r, f) for r in results]))
            for f in ("precision", "recall", "ndcg", "map", "hit_rate", "coverage")}
    return RankingResult(k=int(k), relevant=results[0].relevant, n_users=sum(r.n_users for r in results), **mean)
