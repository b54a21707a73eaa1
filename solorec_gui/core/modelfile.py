"""Model files: save a trained model, load it to predict without retraining.

A model file is what ``torch.save`` writes for one plain dict::

    {"format": "solorec-model", "version": 2,
     "meta": "<JSON text: model, params, users, items, scale, histories, ...>",
     "state": {parameter name: tensor, ...},      # the network's state_dict
     "digest": "<sha256 of meta and every tensor>"}

Any registered model can be saved: the file names the model and holds its
own settings (``params``), and loading rebuilds it through the registry
(:meth:`Recommender.restore`). Version 1 files (SoloRec 0.x, one flat config)
of the lecture's models still load.

Only strings, ints and tensors: :func:`load_model` reads it with
``torch.load(..., weights_only=True)``, which refuses any other pickled object,
so loading never runs code from the file. Everything read is then checked
(format tag, version, JSON metadata, parameter names and shapes, finite
values, the digest); any mismatch is an :class:`InputError` with a readable
message, never a traceback. Files are written atomically.

What the digest is for: it detects a file that was *damaged* (truncated,
corrupted on disk or in transfer). It does not prove who wrote the file:
anyone can change a file and recompute the digest, so it is no protection
against deliberate tampering. Safety against a malicious file comes from
``weights_only=True`` and the checks, not from the digest.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import warnings
from dataclasses import dataclass, field

import numpy as np
import torch

from .data import RatingMatrix, atomic_write_bytes, read_file_bytes
from .errors import ConfigError, InputError, SoloRecError
from .fit import FitResult
from .models import Recommender, TrainSpec, model_class, model_names

FORMAT_TAG = "solorec-model"
FORMAT_VERSION = 2
#: Suggested file name extension (the window's file dialog filter).
EXTENSION = ".solorec.pt"


def _digest(meta_text: str, state: dict[str, torch.Tensor]) -> str:
    h = hashlib.sha256()
    h.update(meta_text.encode("utf-8"))
    for name in sorted(state):
        t = state[name].detach().cpu().contiguous()
        h.update(b"\0" + name.encode("utf-8") + b"\0" + str(t.dtype).encode() + str(tuple(t.shape)).encode())
        h.update(t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.float().numpy().tobytes())
    return h.hexdigest()


def _indices(mask) -> list[int]:
    return [] if mask is None else [int(k) for k in np.nonzero(np.asarray(mask))[0]]


def model_bytes(result: FitResult, matrix: RatingMatrix) -> bytes:
    """The bytes of a model file for ``result`` trained on ``matrix`` (see :func:`save_model`)."""
    model = result.model
    if (model.n_users, model.n_items) != (matrix.n_users, matrix.n_items):
        raise SoloRecError(
            f"this model has {model.n_users} users × {model.n_items} items but the matrix has "
            f"{matrix.n_users} × {matrix.n_items}: save it with the matrix it was trained on"
        )
    from .. import __version__

    meta = {
        "model": result.spec.model,
        "params": result.spec.params.to_dict(),
        "global_mean": float(model.global_mean),
        "clip": [float(model.clip[0]), float(model.clip[1])],
        "users": list(matrix.users),
        "items": list(matrix.items),
        "scale": [float(matrix.scale[0]), float(matrix.scale[1])],
        "history": [float(x) for x in result.history],
        "val_history": [float(x) for x in result.val_history],
        "best_epoch": int(result.best_epoch),
        "cold_users": _indices(result.cold_users),
        "cold_items": _indices(result.cold_items),
        "fit_seconds": float(result.seconds),
        "solorec_version": __version__,
        "torch_version": torch.__version__,
    }
    meta_text = json.dumps(meta, ensure_ascii=False, allow_nan=False)
    state = {name: t.detach().cpu().clone() for name, t in model.net.state_dict().items()}
    payload = {
        "format": FORMAT_TAG,
        "version": FORMAT_VERSION,
        "meta": meta_text,
        "state": state,
        "digest": _digest(meta_text, state),
    }
    buf = io.BytesIO()
    torch.save(payload, buf)
    return buf.getvalue()


def save_model(path: str | os.PathLike, result: FitResult, matrix: RatingMatrix) -> None:
    """Save weights, settings, labels, scale and loss history to ``path`` (atomically)."""
    atomic_write_bytes(path, model_bytes(result, matrix))


@dataclass
class LoadedModel:
    """A model read from a file, ready to predict."""

    model: Recommender
    spec: TrainSpec
    users: list[str]
    items: list[str]
    scale: tuple[float, float]
    history: list[float]
    val_history: list[float]
    best_epoch: int
    cold_users: np.ndarray
    cold_items: np.ndarray
    meta: dict = field(repr=False)
    path: str | None = None

    def predict_matrix(self) -> np.ndarray:
        """Predictions over the saved users × items."""
        return self.model.predict_matrix()

    def predict_for(self, matrix: RatingMatrix) -> np.ndarray:
        """Predictions for ``matrix``'s users × items, matched by label (any order, any subset).

        Raises :class:`InputError` naming the labels the model does not know, or
        when the rating scales differ.
        """
        if tuple(matrix.scale) != tuple(self.scale):
            raise InputError(
                f"the model was trained on the rating scale {self.scale[0]:g} to {self.scale[1]:g}, "
                f"but this matrix uses {matrix.scale[0]:g} to {matrix.scale[1]:g}"
            )
        u_index = {u: k for k, u in enumerate(self.users)}
        i_index = {i: k for k, i in enumerate(self.items)}
        problems = []
        for what, labels, index, known in (
            ("user", matrix.users, u_index, len(self.users)),
            ("item", matrix.items, i_index, len(self.items)),
        ):
            unknown = [x for x in labels if x not in index]
            if unknown:
                shown = ", ".join(repr(x) for x in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
                problems.append(
                    f"{len(unknown)} {what}{'s' if len(unknown) != 1 else ''} unknown to the model ({shown}; "
                    f"it was trained on {known} {what}s)"
                )
        if problems:
            where = f"{self.path}: " if self.path else ""
            raise InputError(f"{where}this model does not match the ratings: " + "; ".join(problems))
        rows = np.array([u_index[u] for u in matrix.users], dtype=np.int64)
        cols = np.array([i_index[i] for i in matrix.items], dtype=np.int64)
        if len(rows) == len(self.users) and len(cols) == len(self.items):
            full = self.predict_matrix()
            return full[np.ix_(rows, cols)]
        rr, cc = np.meshgrid(rows, cols, indexing="ij")
        return self.model.predict_cells(rr.ravel(), cc.ravel()).reshape(len(rows), len(cols))

    def fold_in_matrix(self, matrix: RatingMatrix) -> tuple[RatingMatrix, np.ndarray, list[str]]:
        """Predictions for ``matrix``'s users over the model's items, folding in users the model has not seen.

        Returns (the output matrix: ``matrix``'s users × the model's items with ``matrix``'s ratings on
        them, its predictions, notes). Users the model knows are predicted as trained; unknown users are
        folded in from their ratings of items the model knows (:meth:`Recommender.fold_in`; everything
        else stays as trained). Items the model does not know are ignored, with a note. Raises
        :class:`InputError` when the scales differ, no item is known to the model, or an unknown user has
        no rating of a known item (nothing to fold in from).
        """
        if tuple(matrix.scale) != tuple(self.scale):
            raise InputError(
                f"the model was trained on the rating scale {self.scale[0]:g} to {self.scale[1]:g}, "
                f"but this file uses {matrix.scale[0]:g} to {matrix.scale[1]:g}"
            )
        where = f"{self.path}: " if self.path else ""
        i_index = {i: k for k, i in enumerate(self.items)}
        u_index = {u: k for k, u in enumerate(self.users)}
        cols = [j for j, item in enumerate(matrix.items) if item in i_index]
        notes = []
        if not cols:
            raise InputError(f"{where}none of the file's {matrix.n_items} items is known to the model "
                             f"(it was trained on {len(self.items)} items, e.g. {self.items[0]!r})")
        unknown_items = [item for item in matrix.items if item not in i_index]
        if unknown_items:
            shown = ", ".join(repr(x) for x in unknown_items[:5]) + (", ..." if len(unknown_items) > 5 else "")
            notes.append(f"{len(unknown_items)} item(s) unknown to the model were ignored ({shown})")
        model_cols = np.array([i_index[matrix.items[j]] for j in cols], dtype=np.int64)
        values = np.full((matrix.n_users, len(self.items)), np.nan)
        values[:, model_cols] = matrix.values[:, cols]
        newcomers, ratings = [], []
        for r, user in enumerate(matrix.users):
            if user in u_index:
                continue
            known = ~np.isnan(values[r])
            if not known.any():
                raise InputError(f"{where}user {user!r} is new to the model and has no rating of an item it "
                                 "knows: there is nothing to fold her in from")
            newcomers.append(r)
            ratings.append((np.nonzero(known)[0], values[r, known]))
        rows = np.empty(matrix.n_users, dtype=np.int64)
        if newcomers:
            new = self.model.fold_in("users", ratings)
            rows[newcomers] = new
            notes.append(f"{len(newcomers)} user(s) new to the model were folded in from their ratings "
                         "(the model's other weights unchanged)")
        for r, user in enumerate(matrix.users):
            if user in u_index:
                rows[r] = u_index[user]
        rr, cc = np.meshgrid(rows, np.arange(len(self.items)), indexing="ij")
        pred = self.model.predict_cells(rr.ravel(), cc.ravel()).reshape(matrix.n_users, len(self.items))
        out = RatingMatrix(list(matrix.users), list(self.items), values, self.scale, matrix.corner)
        return out, pred, notes

    def to_fit_result(self) -> FitResult:
        """The loaded model as a FitResult, so the window can treat it like a fresh training."""
        return FitResult(
            model=self.model,
            spec=self.spec,
            history=list(self.history),
            val_history=list(self.val_history),
            fitted=None,
            stopped=False,
            best_epoch=self.best_epoch,
            seconds=float(self.meta.get("fit_seconds", 0.0)),
            device="cpu",
        )


def _bad(path, reason: str) -> InputError:
    return InputError(f"not a usable SoloRec model file: {reason}", path=str(path) if path is not None else None)


def _labels(meta: dict, key: str, path) -> list[str]:
    labels = meta.get(key)
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        raise _bad(path, f"its {key} list is missing or malformed")
    if len(set(labels)) != len(labels):
        raise _bad(path, f"its {key} list has duplicate labels")
    return labels


def _floats(meta: dict, key: str, path) -> list[float]:
    values = meta.get(key, [])
    if not isinstance(values, list) or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in values):
        raise _bad(path, f"its {key} is malformed")
    return [float(x) for x in values]


def _mask(meta: dict, key: str, n: int, path) -> np.ndarray:
    idx = meta.get(key, [])
    if not isinstance(idx, list) or not all(isinstance(k, int) and 0 <= k < n for k in idx):
        raise _bad(path, f"its {key} list is malformed")
    mask = np.zeros(n, dtype=bool)
    mask[idx] = True
    return mask


#: Version 1 files (one flat config) of these models load; their weights have the same names.
_V1_MODELS = ("mf", "nn", "baseline")


def _number(meta: dict, key: str, default: float, path) -> float:
    value = meta.get(key, default)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise _bad(path, f"its {key} is malformed")
    return float(value)


def _spec_of(meta: dict, version: int, scale: list, state: dict, path) -> tuple[TrainSpec, float, tuple[float, float]]:
    """The model and settings a file holds, with the training mean and clip range its predictions use."""
    if version == 1:
        config = meta.get("config")
        name = config.get("model") if isinstance(config, dict) else None
        if name not in _V1_MODELS:
            raise _bad(path, f"it was written by an older SoloRec with a model ({name!r}) that has changed since; "
                             "train it again and save it")
        params = config
        mean_t = state.get("global_mean")
        global_mean = float(mean_t) if isinstance(mean_t, torch.Tensor) and mean_t.numel() == 1 else 0.0
        clip = (float(scale[0]), float(scale[1]))
    else:
        name, params = meta.get("model"), meta.get("params")
        if not isinstance(name, str) or not isinstance(params, dict):
            raise _bad(path, "its model name or settings are missing")
        if name not in model_names():
            raise _bad(path, f"it holds a model this SoloRec does not know ({name!r})")
        global_mean = _number(meta, "global_mean", 0.0, path)
        clip_v = meta.get("clip", list(scale))
        if not isinstance(clip_v, list) or len(clip_v) != 2 or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in clip_v
        ):
            raise _bad(path, "its clip range is malformed")
        clip = (float(clip_v[0]), float(clip_v[1]))
    try:
        spec = TrainSpec(name, model_class(name).Params.from_dict(params)).validate()
    except (ConfigError, TypeError, ValueError, KeyError) as exc:
        raise _bad(path, f"its training settings are invalid ({exc})") from None
    return spec, global_mean, clip


def loads_model(data: bytes, path: str | os.PathLike | None = None) -> LoadedModel:
    """Parse the bytes of a model file; see :func:`load_model`."""
    if not data:
        raise _bad(path, "the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Detected pickle protocol 4": the error below says enough
            payload = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except Exception as exc:
        text = str(exc)
        if "Unsupported global" in text or "Unsupported class" in text:
            reason = "it contains objects other than plain tensors and values, so it was not loaded (loading it could run code)"
        else:
            reason = "it is not a model file written by SoloRec, or it is truncated or damaged"
        raise _bad(path, reason) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_TAG:
        raise _bad(path, "it is not a model file written by SoloRec (no solorec-model format tag)")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(path, "its format version is missing")
    if version > FORMAT_VERSION:
        raise _bad(path, f"it was written by a newer SoloRec (model file format {version}; this one reads up to {FORMAT_VERSION})")
    meta_text, state, digest = payload.get("meta"), payload.get("state"), payload.get("digest")
    if not isinstance(meta_text, str) or not isinstance(state, dict) or not isinstance(digest, str):
        raise _bad(path, "its contents are incomplete")
    if not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items()):
        raise _bad(path, "its weights are not plain tensors")
    if _digest(meta_text, state) != digest:
        raise _bad(path, "it is damaged: its contents do not match the checksum written with it")
    try:
        meta = json.loads(meta_text)
    except ValueError:
        raise _bad(path, "its metadata is not valid JSON") from None
    if not isinstance(meta, dict):
        raise _bad(path, "its metadata is malformed")

    users, items = _labels(meta, "users", path), _labels(meta, "items", path)
    scale = meta.get("scale")
    if (
        not isinstance(scale, list)
        or len(scale) != 2
        or not all(isinstance(x, (int, float)) and math.isfinite(x) for x in scale)
        or not scale[0] < scale[1]
    ):
        raise _bad(path, "its rating scale is malformed")
    spec, global_mean, clip = _spec_of(meta, version, scale, state, path)
    cold_users = _mask(meta, "cold_users", len(users), path)
    cold_items = _mask(meta, "cold_items", len(items), path)
    try:
        model = spec.create()
        model.prepare(len(users), len(items), (float(scale[0]), float(scale[1])), global_mean, clip)
        model.net = model.build(None)
    except Exception as exc:
        raise _bad(path, f"its model cannot be rebuilt ({exc})") from None
    expected = model.net.state_dict()
    if set(expected) != set(state):
        missing = sorted(set(expected) - set(state))
        extra = sorted(set(state) - set(expected))
        detail = "; ".join(
            part
            for part in (f"missing {', '.join(missing)}" if missing else "", f"unexpected {', '.join(extra)}" if extra else "")
            if part
        )
        raise _bad(path, f"its weights do not fit a {spec.model} model ({detail})")
    for name, tensor in state.items():
        if tuple(tensor.shape) != tuple(expected[name].shape):
            raise _bad(
                path,
                f"weight {name} has shape {tuple(tensor.shape)}, expected {tuple(expected[name].shape)} "
                f"for {len(users)} users × {len(items)} items",
            )
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            raise _bad(path, f"weight {name} holds non-finite values")
    try:
        model.restore(
            {k: v.to(expected[k].dtype) for k, v in state.items()}, n_users=len(users), n_items=len(items),
            scale=(float(scale[0]), float(scale[1])), global_mean=global_mean, clip=clip,
            cold_users=cold_users, cold_items=cold_items,
        )
    except Exception as exc:
        raise _bad(path, f"its weights cannot be loaded ({exc})") from None
    model.net.eval()
    best_epoch = meta.get("best_epoch", 0)
    if not isinstance(best_epoch, int):
        raise _bad(path, "its best epoch is malformed")
    return LoadedModel(
        model=model,
        spec=spec,
        users=users,
        items=items,
        scale=(float(scale[0]), float(scale[1])),
        history=_floats(meta, "history", path),
        val_history=_floats(meta, "val_history", path),
        best_epoch=best_epoch,
        cold_users=cold_users,
        cold_items=cold_items,
        meta=meta,
        path=str(path) if path is not None else None,
    )


def load_model(path: str | os.PathLike) -> LoadedModel:
    """Read a model file written by :func:`save_model`.

    Uses ``torch.load(..., weights_only=True)``: no code from the file is run.
    Raises :class:`InputError` for a missing, foreign, truncated, damaged or
    incompatible file.
    """
    return loads_model(read_file_bytes(path, what="model file"), path)
