"""Looking inside a trained model: embedding map, projector export, top-N, explanations.

Plain numpy results for the window to draw; nothing here imports Qt. Every
function takes a model (a ``Recommender``) or anything holding one in ``.model``
(a ``FitResult``, a loaded model file).
"""

from __future__ import annotations

import io
import math
import os
import re
from typing import NamedTuple

import numpy as np

from .data import RatingMatrix, atomic_write_bytes
from .errors import ConfigError
from .models import Recommender

_MBTI = re.compile(r"\(\s*([EeIi][NnSs]?[TtFf]?[JjPp]?)\s*\)\s*$")


def mbti_group(label: str) -> str | None:
    """The MBTI tag at the end of a label: ``'옥순(IN)'`` → ``'IN'``, ``'하니(I)'`` → ``'I'``; else None."""
    m = _MBTI.search(str(label))
    return m.group(1).upper() if m else None


def _model_of(obj) -> Recommender:
    """The model of a FitResult / LoadedModel, or the model itself."""
    return obj if isinstance(obj, Recommender) else obj.model


def _vectors(obj) -> tuple[np.ndarray, np.ndarray] | None:
    emb = _model_of(obj).embeddings()
    if emb is None:
        return None
    users, items = emb
    return np.asarray(users, dtype=np.float64), np.asarray(items, dtype=np.float64)


# ---------------------------------------------------------------------------
# Embedding map
# ---------------------------------------------------------------------------


def pca_2d(x: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
    """Project rows of ``x`` onto their first two principal components (numpy SVD).

    Returns (n × 2 coordinates, fraction of the variance each axis explains).
    Signs are fixed (each axis' largest loading positive) so the picture does
    not flip between updates while training.
    """
    x = np.asarray(x, dtype=np.float64)
    n, d = x.shape
    centered = x - x.mean(axis=0)
    if n == 0:
        return np.zeros((0, 2)), (0.0, 0.0)
    _, s, vt = np.linalg.svd(centered, full_matrices=False)
    for k in range(vt.shape[0]):
        if vt[k, np.argmax(np.abs(vt[k]))] < 0:
            vt[k] = -vt[k]
    comps = vt[:2]
    xy = centered @ comps.T
    if xy.shape[1] < 2:
        xy = np.hstack([xy, np.zeros((n, 2 - xy.shape[1]))])
    var = s**2
    total = float(var.sum())
    explained = tuple(float(v / total) if total > 0 else 0.0 for v in list(var[:2]) + [0.0] * (2 - len(var[:2])))
    return xy, explained  # type: ignore[return-value]


def embedding_points(model) -> tuple[np.ndarray, np.ndarray, tuple[float, float]] | None:
    """2-D points for the embedding map: (user_xy, item_xy, explained variance per axis).

    dim 2: the embeddings themselves (``explained`` = each axis' share of the
    variance); dim 1: x = the embedding, y = 0; higher: users and items
    projected together onto the first two principal components, so their
    relative positions stay comparable. None for a model without embeddings
    (the baseline).
    """
    vecs = _vectors(model)
    if vecs is None:
        return None
    users, items = vecs
    both = np.vstack([users, items])
    d = both.shape[1]
    if d <= 2:
        xy = both if d == 2 else np.hstack([both, np.zeros((len(both), 1))])
        var = xy.var(axis=0)
        total = float(var.sum())
        explained = (float(var[0] / total), float(var[1] / total)) if total > 0 else (0.0, 0.0)
    else:
        xy, explained = pca_2d(both)
    return xy[: len(users)].copy(), xy[len(users) :].copy(), explained


def group_distances(vectors: np.ndarray, labels: list[str], group=mbti_group) -> dict:
    """How well do groups cluster? Mean Euclidean distance within and between groups.

    Returns ``{"within", "between", "nearest_same", "n"}``: mean distance
    between points of the same group, of different groups, and how many of the
    ``n`` points that have a group partner have one as their nearest neighbour.
    Points without a group (``group(label)`` is None) are ignored.
    """
    x = np.asarray(vectors, dtype=np.float64)
    g = [group(label) for label in labels]
    keep = [k for k, v in enumerate(g) if v is not None]
    x, g = x[keep], [g[k] for k in keep]
    dist = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=-1)
    same = np.array([[a == b for b in g] for a in g])
    off = ~np.eye(len(g), dtype=bool)
    within = dist[same & off]
    between = dist[~same]
    nearest_same = 0
    n = 0
    for a in range(len(g)):
        if not (same[a] & off[a]).any():
            continue
        n += 1
        others = np.where(off[a], dist[a], np.inf)
        nearest_same += bool(same[a, int(np.argmin(others))])
    return {
        "within": float(within.mean()) if within.size else math.nan,
        "between": float(between.mean()) if between.size else math.nan,
        "nearest_same": nearest_same,
        "n": n,
    }


def _tsv_cell(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", str(text))


def export_projector(
    path_vectors: str | os.PathLike, path_metadata: str | os.PathLike, matrix: RatingMatrix, model
) -> None:
    """Write the TensorFlow Embedding Projector's two TSV files (projector.tensorflow.org → Load).

    Vectors: one line per user then per item, the full embedding,
    tab-separated, no header. Metadata: header ``label\\tkind\\tgroup`` and one
    line per vector (kind = user/item, group = the MBTI tag of the label or
    empty). Both written atomically; raises :class:`ConfigError` for a model
    without embeddings.
    """
    vecs = _vectors(model)
    if vecs is None:
        raise ConfigError("this model has no embeddings to export (the baseline has only biases)")
    users, items = vecs
    if len(users) != matrix.n_users or len(items) != matrix.n_items:
        raise ConfigError(
            f"the model has {len(users)} users × {len(items)} items but the matrix has "
            f"{matrix.n_users} × {matrix.n_items}"
        )
    vec_buf = io.StringIO()
    for row in np.vstack([users, items]):
        vec_buf.write("\t".join(repr(float(v)) for v in row) + "\n")
    meta_buf = io.StringIO()
    meta_buf.write("label\tkind\tgroup\n")
    for kind, labels in (("user", matrix.users), ("item", matrix.items)):
        for label in labels:
            meta_buf.write(f"{_tsv_cell(label)}\t{kind}\t{mbti_group(label) or ''}\n")
    atomic_write_bytes(path_vectors, vec_buf.getvalue().encode("utf-8"))
    atomic_write_bytes(path_metadata, meta_buf.getvalue().encode("utf-8"))


# ---------------------------------------------------------------------------
# Recommendations
# ---------------------------------------------------------------------------


class Ranked(NamedTuple):
    """One line of a top-N list: the item (or user) index, its label and the predicted rating."""

    index: int
    label: str
    prediction: float


def _ranked(scores: np.ndarray, candidates: np.ndarray, labels: list[str], n: int | None) -> list[Ranked]:
    idx = np.nonzero(candidates & np.isfinite(scores))[0]
    order = idx[np.lexsort((idx, -scores[idx]))]  # best first; ties in file order
    if n is not None:
        order = order[: max(0, int(n))]
    return [Ranked(int(k), labels[k], float(scores[k])) for k in order]


def top_n_for_user(matrix: RatingMatrix, predictions: np.ndarray, user_index: int, n: int | None = 10) -> list[Ranked]:
    """The items ``user_index`` has not rated, best predicted first (at most ``n``; None = all)."""
    if not 0 <= int(user_index) < matrix.n_users:
        raise IndexError(f"user index {user_index} out of range (0..{matrix.n_users - 1})")
    unrated = ~matrix.known_mask[int(user_index)]
    return _ranked(np.asarray(predictions, float)[int(user_index)], unrated, matrix.items, n)


def top_users_for_item(matrix: RatingMatrix, predictions: np.ndarray, item_index: int, n: int | None = 10) -> list[Ranked]:
    """The users who have not rated ``item_index`` and are predicted to rate it highest."""
    if not 0 <= int(item_index) < matrix.n_items:
        raise IndexError(f"item index {item_index} out of range (0..{matrix.n_items - 1})")
    unrated = ~matrix.known_mask[:, int(item_index)]
    return _ranked(np.asarray(predictions, float)[:, int(item_index)], unrated, matrix.users, n)


# ---------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------


def _nearest(vectors: np.ndarray, k: int, count: int) -> list[tuple[int, float]]:
    d = np.linalg.norm(vectors - vectors[k], axis=1)
    d[k] = np.inf
    order = np.lexsort((np.arange(len(d)), d))[:count]
    return [(int(j), float(d[j])) for j in order if np.isfinite(d[j])]


def explain_cell(model, matrix: RatingMatrix, u: int, i: int, *, neighbours: int = 3) -> dict:
    """Why the model predicts what it predicts for (user ``u``, item ``i``).

    Always: ``user``, ``item``, ``kind``, ``prediction`` (clipped to the scale,
    as shown in the grid), ``known`` (the rating, or None), ``cold`` (when the
    FitResult says the user or item had no training rating) and ``text``, a
    short multi-line explanation for a tooltip.

    MF-style models (``score = u·v + b_u + b_i``): ``b_u``, ``b_i``, ``dot``,
    ``score`` (before the sigmoid). Baseline: ``mean``, ``b_u``, ``b_i``.
    Other models with embeddings (NN): ``nearest_users`` / ``nearest_items`` as
    (label, distance, rating of the other axis or None) in embedding space.
    """
    rec = _model_of(model)
    u, i = int(u), int(i)
    user, item = matrix.users[u], matrix.items[i]
    prediction = float(rec.predict_cells([u], [i])[0])
    known = float(matrix.values[u, i]) if matrix.known_mask[u, i] else None
    cold = bool(
        (rec.cold_users is not None and rec.cold_users[u]) or (rec.cold_items is not None and rec.cold_items[i])
    )
    info: dict = {"user": user, "item": item, "kind": rec.name, "prediction": prediction, "known": known, "cold": cold}
    from .texts import Text, joined

    head = (Text("cell_rated", user=user, item=item, prediction=prediction, known=known) if known is not None
            else Text("cell", user=user, item=item, prediction=prediction))
    lines = [head]
    terms = rec.explain(u, i)
    if terms is not None:
        lines += terms.pop("lines", [])
        info.update(terms)
    else:
        emb = rec.embeddings()
        if emb is not None:
            ue, ie = emb
            near_u = [
                (matrix.users[j], d, float(matrix.values[j, i]) if matrix.known_mask[j, i] else None)
                for j, d in _nearest(ue, u, neighbours)
            ]
            near_i = [
                (matrix.items[j], d, float(matrix.values[u, j]) if matrix.known_mask[u, j] else None)
                for j, d in _nearest(ie, i, neighbours)
            ]
            info.update(nearest_users=near_u, nearest_items=near_i)

            def fmt(rows):
                if not rows:
                    return Text("near_none")
                return joined([Text("near_rated", label=label, rating=r) if r is not None
                               else Text("near_unrated", label=label) for label, _, r in rows])

            lines.append(Text("near_users", item=item, rows=fmt(near_u)))
            lines.append(Text("near_items", user=user, rows=fmt(near_i)))
    if cold:
        lines.append(Text("cold"))
    #: The lines as Texts (the window translates them); ``text``: the English, one line each.
    info["lines"] = lines
    info["text"] = "\n".join(lines)
    return info
