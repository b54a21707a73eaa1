"""The model abstraction: one base class for every recommender, one registry.

In the spirit of Surprise's ``AlgoBase`` and cornac's ``Recommender``:

* A model is a subclass of :class:`Recommender` in its own module under
  ``core/models/``, decorated with :func:`register`. It declares its ``name``
  (the CLI's ``--model`` value and the key in model files), a display name, a
  one-line description and its own :class:`Params` dataclass: the settings,
  their defaults, their limits and their labels. The CLI's options, the
  window's model list and settings form, and model-file loading are all
  generated from the registry, so adding a model is adding one file.
* The base owns what must be the same for every model: prediction of any
  cells and of the whole matrix (clipped to the scale), the cold-start rule
  (users and items without a training rating are predicted from the biases
  alone), access to embeddings for the map and the explanations.
* The model owns its network (built in :meth:`Recommender.build`, right after
  the one seed of the run) and its training phases (:meth:`Recommender.phases`);
  :func:`solorec_gui.core.fit.fit` is the one loop that runs them.

This module, like the registry, imports no torch at import time: the window
lists models and shows their settings before torch is loaded. Model modules
import torch inside their methods (``torch = _torch()``) for the same reason.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from ..errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    import torch

    from ..runtime import TrainingData

LECTURE_SEED = 43052
#: Beyond this, torch's optimisers overflow float32 (lr 1e38 raises a RuntimeError).
MAX_LR = 1e12


def _max_cells() -> int:
    from ..data import matrix

    return matrix.MAX_CELLS


def _torch():
    """torch, imported on first use (see the module docstring)."""
    import torch

    return torch


# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------


def setting(
    default: Any,
    *,
    label: str,
    help: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
    above: float | None = None,
    decimals: int | None = None,
    zero_means: str | None = None,
    advanced: bool = False,
) -> Any:
    """A field of a :class:`Params` dataclass with what the CLI and the window need to show and check it.

    ``minimum``/``maximum`` are inclusive limits, ``above`` an exclusive lower limit
    (a learning rate must be > 0); ``zero_means`` documents a special 0 ("full batch").
    """
    meta = dict(label=label, help=help, minimum=minimum, maximum=maximum, above=above, decimals=decimals,
                zero_means=zero_means, advanced=advanced)
    if isinstance(default, Params):
        return field(default_factory=lambda: dataclasses.replace(default), metadata=meta)
    return field(default=default, metadata=meta)


def _kind(cls: type, f: dataclasses.Field) -> Any:
    return _hints(cls).get(f.name, type(f.default))


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    """A Params class's resolved type hints (``get_type_hints`` is slow; the forms ask on every change)."""
    return typing.get_type_hints(cls)


@dataclass(frozen=True)
class Params:
    """A model's settings: a frozen dataclass whose fields are made with :func:`setting`.

    Values are checked by :meth:`validate` against each field's limits (and by
    :meth:`check` for rules between fields); :meth:`to_dict`/:meth:`from_dict`
    round-trip through JSON (model files, window settings). Nested ``Params``
    (a blend's parts) are allowed.
    """

    def validate(self) -> Params:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Params):
                try:
                    value.validate()
                except ConfigError as exc:
                    raise ConfigError(f"{f.metadata.get('label', f.name)}: {exc}") from None
                continue
            meta = f.metadata
            label = meta.get("label", f.name).lower()
            if isinstance(value, tuple):  # e.g. hidden layer sizes; () = none
                if any(int(v) < 1 for v in value):
                    raise ConfigError(f"{label} must be positive whole numbers, not {list(value)}")
                continue
            if isinstance(value, bool) or isinstance(value, str):
                continue
            if value is None:
                continue
            if not math.isfinite(float(value)):
                raise ConfigError(f"{label} must be a finite number, not {value}")
            if meta.get("above") is not None and not value > meta["above"]:
                raise ConfigError(f"{label} must be more than {meta['above']:g}, not {value:g}")
            if meta.get("minimum") is not None and value < meta["minimum"]:
                raise ConfigError(f"{label} must be at least {meta['minimum']:g}, not {value:g}")
            if meta.get("maximum") is not None and value > meta["maximum"]:
                raise ConfigError(f"{label} must be at most {meta['maximum']:g}, not {value:g}")
        self.check()
        return self

    def check(self) -> None:
        """Rules between fields; raise :class:`ConfigError`. Nothing by default."""

    def replace(self, **changes: Any) -> Params:
        """A copy with ``changes`` (unknown names refused), validated."""
        names = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise ConfigError(f"{', '.join(unknown)}: not a setting of this model (it has {', '.join(sorted(names))})")
        return dataclasses.replace(self, **{k: self._coerce(k, v) for k, v in changes.items()}).validate()

    @classmethod
    def _coerce(cls, name: str, value: Any) -> Any:
        f = next(f for f in fields(cls) if f.name == name)
        kind = _kind(cls, f)
        if isinstance(kind, type) and issubclass(kind, Params):
            try:
                return value if isinstance(value, Params) else kind.from_dict(dict(value))
            except ConfigError as exc:
                raise ConfigError(f"{f.metadata.get('label', name)}: {exc}") from None
        try:
            if kind is bool:
                return bool(value)
            if kind is int:
                if isinstance(value, float) and not value.is_integer():
                    raise ValueError
                return int(value)
            if kind is float:
                return float(value)
            if typing.get_origin(kind) is tuple or kind is tuple:
                return tuple(int(v) for v in value)
            if kind is str:
                return str(value)
        except (TypeError, ValueError):
            label = f.metadata.get("label", name).lower()
            raise ConfigError(f"{label}: {value!r} is not a valid value") from None
        return value

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.to_dict() if isinstance(value, Params) else list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Params:
        """Params from a dict; unknown keys are ignored (settings of an older version), missing or None ones
        take the defaults."""
        names = {f.name for f in fields(cls)}
        kwargs = {k: cls._coerce(k, v) for k, v in dict(data).items() if k in names and v is not None}
        return cls(**kwargs).validate()

    def differences(self) -> list[tuple[str, Any, Any]]:
        """(name, value, default) of each setting that differs from the defaults; a part's as ``part.name``."""
        default = type(self)()
        out: list[tuple[str, Any, Any]] = []
        for f in fields(self):
            value, base = getattr(self, f.name), getattr(default, f.name)
            if isinstance(value, Params):
                out += [(f"{f.name}.{n}", v, d) for n, v, d in value.differences()]
            elif value != base:
                out.append((f.name, value, base))
        return out

    def changed_from_default(self) -> dict[str, Any]:
        """The settings that differ from the defaults, by name (for notes and compare tables)."""
        return {name: value for name, value, _ in self.differences()}

    def summary(self, keys: tuple[str, ...] | None = None) -> str:
        """``dim 2, 100 epochs, lr 0.1, full batch`` — the key settings (in ``keys``' order) in a few words."""
        names = [f.name for f in fields(self)] if keys is None else [k for k in keys if hasattr(self, k)]
        parts = []
        for name in names:
            value = getattr(self, name)
            if isinstance(value, Params):
                parts.append(f"{name}: ({value.summary(keys)})")
            elif name == "epochs":
                parts.append(f"{value} epochs")
            elif name == "batch_size":
                parts.append("full batch" if not value else f"batch {value}")
            elif isinstance(value, tuple):
                parts.append(f"{name} {'×'.join(str(v) for v in value)}")
            elif isinstance(value, float):
                parts.append(f"{name.replace('_', ' ')} {value:g}")
            else:
                parts.append(f"{name.replace('_', ' ')} {value}")
        return ", ".join(parts)


@dataclass(frozen=True)
class GradientParams(Params):
    """Settings every model trained by gradient steps shares."""

    epochs: int = setting(100, label="Epochs", minimum=1, maximum=1_000_000)
    lr: float = setting(0.1, label="Learning rate", above=0.0, maximum=MAX_LR, decimals=6)
    #: 0 = full batch (the lecture's); otherwise shuffled mini-batches of this many units.
    batch_size: int = setting(0, label="Batch size", minimum=0, zero_means="full batch")
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


# ---------------------------------------------------------------------------
# Training phases
# ---------------------------------------------------------------------------


@dataclass
class Phase:
    """One stretch of training that :func:`fit` runs: a model has one, a blend one per part.

    ``step(idx)`` trains on the units ``idx`` (a tensor of indices into
    ``0..n_units-1``, or None for a full batch in the data's order) and returns
    ``(loss, sse, output)``: the loss to minimise, the summed squared error of
    the batch's ratings (None: the loss *is* the batch's mean squared error) and,
    for a full batch, the predictions of the training cells (the lecture's
    ``yhat``) or None.
    """

    name: str
    epochs: int
    n_units: int
    batch_size: int
    optimizers: list[Any]
    step: Callable[[Any], tuple[Any, Any, Any]]
    lr: float
    seed: int
    lr_decay: float = 1.0
    #: torch threads while this phase trains (None = the machine's setting); small problems use 1 anyway.
    threads: int | None = None
    #: False: not validated epoch by epoch (the model is validated as a whole once every phase is done).
    validate: bool = True
    #: The model this phase trains, whose predictions are validated and whose best weights early
    #: stopping restores; None = the whole model (a blend's phase names its part).
    model: Any = None


# ---------------------------------------------------------------------------
# The base class
# ---------------------------------------------------------------------------


class Recommender:
    """Base class of every model; see the module docstring.

    Subclasses set the class attributes and implement :meth:`build`,
    :meth:`forward` and, unless the default (Adam on the MSE of each batch of
    ratings) fits, :meth:`phases`.
    """

    #: The key in the registry, the CLI's ``--model`` value, stored in model files.
    name: ClassVar[str] = ""
    display_name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    Params: ClassVar[type[Params]] = GradientParams
    #: Position in model lists (lecture models first).
    order: ClassVar[int] = 100
    #: Meant for large sparse data (MovieLens size): listed as such.
    large_data: ClassVar[bool] = False
    #: Per-user / per-item tables of ``self.net`` the cold-start rule resets:
    #: ``{"attribute": "zero" | "mean"}`` (embeddings to zero, biases to the warm rows' mean).
    user_tables: ClassVar[dict[str, str]] = {}
    item_tables: ClassVar[dict[str, str]] = {}
    #: Settings shown in one line (compare tables, notes); None = all.
    key_settings: ClassVar[tuple[str, ...] | None] = None
    #: True: predicts ratings on the scale (complete, RMSE). False: a ranker, whose scores only order
    #: items for a user (recommend, ranking metrics); ``complete`` refuses it.
    rates: ClassVar[bool] = True
    #: Names of training phases other than the display name that this model's runs can show (the window
    #: translates them; tools/update_translations.py collects them from here).
    phase_names: ClassVar[tuple[str, ...]] = ()

    @property
    def phase_label(self) -> str:
        """The name of this model's training phase in a loss plot (a blend names each part's phase so)."""
        return self.display_name

    def __init__(self, params: Params | None = None, **overrides: Any) -> None:
        params = params if params is not None else self.Params()
        if not isinstance(params, self.Params):
            raise ConfigError(f"{self.name} takes {self.Params.__name__}, not {type(params).__name__}")
        self.params = params.replace(**overrides) if overrides else params.validate()
        self.net: torch.nn.Module | None = None
        self.n_users = self.n_items = 0
        self.scale: tuple[float, float] = (0.0, 5.0)
        #: Mean and range of the training ratings (models that predict ``μ + …`` use them).
        self.global_mean = 0.0
        self.clip: tuple[float, float] = (0.0, 5.0)
        #: Users / items without a training rating (filled in by :meth:`finish`).
        self.cold_users: np.ndarray | None = None
        self.cold_items: np.ndarray | None = None
        self.device = "cpu"

    # -- what a model implements -------------------------------------------------

    #: Epochs without a better error on the model's own held-out share (:attr:`self_validation`) before
    #: the training stops.
    self_patience: ClassVar[int] = 2

    @property
    def self_validation(self) -> float:
        """The share of the training ratings the model holds out for its own early stopping (its
        ``valid_share`` setting; 0 = none). Used by ``fit`` only when the caller gives no validation set."""
        return float(getattr(self.params, "valid_share", 0.0) or 0.0)

    @classmethod
    def defaults_for(cls, n_ratings: int, n_users: int, n_items: int) -> Params:
        """The default settings for data of this size: :attr:`Params`' defaults unless the model
        says otherwise (``mf-large`` takes a recipe for tens of millions of ratings). The CLI, the
        window's settings form and ``Restore defaults`` start from these."""
        return cls.Params()


    def build(self, data: TrainingData | None) -> torch.nn.Module:
        """Create the network (``torch.manual_seed`` has just been called); ``data`` is None when
        restoring saved weights. ``n_users``, ``n_items``, ``scale``, ``global_mean`` and ``clip`` are set."""
        raise NotImplementedError

    def forward(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        """Predictions for the cells (users[k], items[k]) while training (may leave the scale)."""
        raise NotImplementedError

    def solve(self, data: TrainingData) -> float:
        """A closed-form fit (a model whose :meth:`phases` is empty): fit in one go, return its training loss."""
        raise NotImplementedError

    def phases(self, data: TrainingData) -> list[Phase]:
        """The training: by default one phase of Adam on the MSE of each batch of ratings."""
        torch = _torch()
        p = self.params
        from ..optim import adam  # torch.optim.Adam's arithmetic, without its ~1 s import of torch._dynamo

        optimizer = adam(self.net.parameters(), lr=float(p.lr), weight_decay=float(getattr(p, "weight_decay", 0.0)),
                         lr_decay=float(getattr(p, "lr_decay", 1.0)))
        users, items, y = data.users, data.items, data.y
        mse = torch.nn.functional.mse_loss

        def step(idx):
            if idx is None:
                yhat = self.forward(users, items)
                return mse(yhat, y), None, yhat
            return mse(self.forward(users[idx], items[idx]), y[idx]), None, None

        return [self.phase(data, step, [optimizer])]

    def phase(self, data: TrainingData, step: Callable, optimizers: list, *, n_units: int | None = None,
              name: str = "", **extra: Any) -> Phase:
        """A :class:`Phase` with this model's epochs, lr, batch size, seed and lr decay."""
        p = self.params
        return Phase(
            name=name or self.phase_label, epochs=int(p.epochs), n_units=len(data.y) if n_units is None else n_units,
            batch_size=int(p.batch_size), optimizers=optimizers, step=step, lr=float(p.lr), seed=int(p.seed),
            lr_decay=float(getattr(p, "lr_decay", 1.0)), **extra,
        )

    # -- set-up and the cold-start rule (the base's) ------------------------------

    def setup(self, data: TrainingData) -> None:
        """Record the problem's shape and scale, then build the network (seeded by the caller)."""
        self.prepare(data.n_users, data.n_items, data.scale, float(data.vals.mean()),
                     (float(data.vals.min()), float(data.vals.max())), data.device)
        self.net = self.build(data).to(data.device)

    def prepare(self, n_users: int, n_items: int, scale: tuple[float, float], global_mean: float,
                clip: tuple[float, float], device: str = "cpu") -> None:
        self.n_users, self.n_items = int(n_users), int(n_items)
        self.scale = (float(scale[0]), float(scale[1]))
        self.global_mean = float(global_mean)
        self.clip = (float(clip[0]), float(clip[1]))
        self.device = device

    def restore(self, state: dict, *, n_users: int, n_items: int, scale: tuple[float, float], global_mean: float,
                clip: tuple[float, float], cold_users: np.ndarray | None = None,
                cold_items: np.ndarray | None = None) -> None:
        """Rebuild a trained model from its saved weights (model files): no training data needed."""
        self.prepare(n_users, n_items, scale, global_mean, clip)
        self.net = self.build(None)
        self.net.load_state_dict(state)
        self.cold_users, self.cold_items = cold_users, cold_items

    def finish(self, rows: np.ndarray, cols: np.ndarray) -> None:
        """After training: apply the cold-start rule to users/items without a training rating.

        Their embedding rows (never trained: still random) are set to zero and their
        bias rows to the mean of the trained rows' biases, so they are predicted
        from biases alone (for MF: ``σ(mean b_u + b_i)``). Models without such
        tables override :meth:`apply_cold_start`.
        """
        self.cold_users = np.bincount(np.asarray(rows, dtype=np.int64), minlength=self.n_users) == 0
        self.cold_items = np.bincount(np.asarray(cols, dtype=np.int64), minlength=self.n_items) == 0
        self.apply_cold_start(self.cold_users, self.cold_items)

    def apply_cold_start(self, cold_users: np.ndarray, cold_items: np.ndarray) -> None:
        torch = _torch()
        with torch.no_grad():
            for cold, tables in ((cold_users, self.user_tables), (cold_items, self.item_tables)):
                if not cold.any() or cold.all():
                    continue
                for attr, rule in tables.items():
                    weight = getattr(self.net, attr).weight
                    idx = torch.as_tensor(cold, device=weight.device)
                    weight[idx] = 0.0 if rule == "zero" else weight[~idx].mean(dim=0)

    # -- fold-in: users or items the model has not seen, without retraining -----------

    def fold_in(self, axis: str, ratings: list[tuple[np.ndarray, np.ndarray]], *, epochs: int = 150,
                lr: float = 0.05) -> np.ndarray:
        """Add new users (``axis="users"``) or items (``"items"``) and fit only their own parameters.

        ``ratings[k]`` is ``(indices on the other axis, ratings)`` for the k-th newcomer. Everything the
        model already has stays frozen (existing predictions do not move). The newcomers start from the
        cold-start rule (embedding zero, bias the mean of the trained ones) and their rows are fitted to
        their ratings with the model's own loss and regularisation; a newcomer without ratings stays at the
        cold-start prediction. Returns the newcomers' indices (appended after the existing ones).
        """
        if axis not in ("users", "items"):
            raise ValueError(f"axis must be 'users' or 'items', not {axis!r}")
        if self.net is None:
            raise ConfigError("fold-in needs a trained model")
        k = len(ratings)
        old = self.n_users if axis == "users" else self.n_items
        other = self.n_items if axis == "users" else self.n_users
        for idx, vals in ratings:
            idx = np.asarray(idx)
            if len(idx) != len(vals) or (len(idx) and (idx.min() < 0 or idx.max() >= other)):
                raise ConfigError(f"fold-in: rating indices must be within the model's {other} "
                                  f"{'items' if axis == 'users' else 'users'}")
        new = np.arange(old, old + k)
        if k == 0:
            return new
        torch = _torch()
        with torch.no_grad():
            self.extend(axis, ratings)
        if axis == "users":
            self.n_users += k
        else:
            self.n_items += k
        has = np.array([len(r[0]) > 0 for r in ratings])
        cold = self.cold_users if axis == "users" else self.cold_items
        cold = np.concatenate([cold if cold is not None else np.zeros(old, bool), ~has])
        if axis == "users":
            self.cold_users = cold
        else:
            self.cold_items = cold
        if has.any():
            from ..runtime import torch_threads

            with torch_threads(1):  # a few rows: one thread (see runtime.SMALL_PROBLEM_CELLS)
                self.fit_new(axis, new[has], [r for r, h in zip(ratings, has) if h], epochs=epochs, lr=lr)
        return new

    def extend(self, axis: str, ratings: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """Grow the per-user (or per-item) tables by ``len(ratings)`` rows set by the cold-start rule."""
        torch = _torch()
        k = len(ratings)
        tables = self.user_tables if axis == "users" else self.item_tables
        for attr, rule in tables.items():
            layer = getattr(self.net, attr)
            weight = layer.weight
            rows = torch.zeros(k, weight.shape[1], dtype=weight.dtype, device=weight.device)
            if rule == "mean":
                rows[:] = weight.mean(dim=0)
            grown = torch.nn.Embedding(weight.shape[0] + k, weight.shape[1], sparse=layer.sparse).to(weight.device)
            grown.weight.copy_(torch.cat([weight, rows]))
            setattr(self.net, attr, grown)

    def fold_in_penalty(self, axis: str, rows: torch.Tensor) -> torch.Tensor | float:
        """The regularisation of the newcomers' rows during fold-in: the model's own L2 (``reg``,
        ``bias_reg`` or ``weight_decay``), per rating as in its training loss."""
        p = self.params
        total = 0.0
        tables = self.user_tables if axis == "users" else self.item_tables
        for attr, rule in tables.items():
            w = getattr(self.net, attr)(rows)
            weight = getattr(p, "bias_reg" if rule == "mean" else "reg", getattr(p, "weight_decay", 0.0))
            if weight:
                total = total + float(weight) * (w * w).sum(dim=1).mean()
        return total

    def fit_new(self, axis: str, new: np.ndarray, ratings: list[tuple[np.ndarray, np.ndarray]], *,
                epochs: int, lr: float) -> None:
        """Fit the newcomers' table rows with Adam, everything else frozen; the other rows are restored after."""
        torch = _torch()
        tables = self.user_tables if axis == "users" else self.item_tables
        if not tables:
            return
        rows = np.concatenate([np.full(len(r[0]), n) for n, r in zip(new, ratings)])
        others = np.concatenate([np.asarray(r[0]) for r in ratings])
        vals = np.concatenate([np.asarray(r[1], dtype=np.float64) for r in ratings])
        dev = self.device
        rows_t = torch.as_tensor(rows, device=dev)
        others_t = torch.as_tensor(others, device=dev)
        users, items = (rows_t, others_t) if axis == "users" else (others_t, rows_t)
        y = torch.as_tensor(vals, device=dev).float()
        layers = [getattr(self.net, attr) for attr in tables]
        before = [layer.weight.detach().clone() for layer in layers]
        frozen = [(q, q.requires_grad) for q in self.net.parameters()]
        for q, _ in frozen:
            q.requires_grad_(False)
        params = [layer.weight for layer in layers]
        for q in params:
            q.requires_grad_(True)
        try:
            from ..optim import adam  # torch.optim.Adam's arithmetic without its ~1 s first import of torch._dynamo

            sparse = any(getattr(layer, "sparse", False) for layer in layers)
            optimizer = torch.optim.Adam(params, lr=lr) if sparse else adam(params, lr=lr)
            uniq = torch.as_tensor(np.unique(rows), device=dev)
            for _ in range(int(epochs)):
                loss = torch.nn.functional.mse_loss(self.forward(users, items), y)
                loss = loss + self.fold_in_penalty(axis, uniq)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
        finally:
            for q, flag in frozen:
                q.requires_grad_(flag)
        with torch.no_grad():  # only the newcomers' rows may have moved
            keep = torch.ones(before[0].shape[0], dtype=torch.bool, device=dev)
            keep[torch.as_tensor(new, device=dev)] = False
            for layer, saved in zip(layers, before):
                layer.weight[keep] = saved[keep]

    # -- prediction (the base's) --------------------------------------------------

    def _clamp(self, pred: torch.Tensor) -> torch.Tensor:
        return pred.clamp(self.scale[0], self.scale[1])

    def predict(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        """Predictions on the scale for tensors of user and item indices (no gradient)."""
        torch = _torch()
        with torch.no_grad():
            was = self.net.training
            self.net.eval()
            try:
                return self._clamp(self.forward(users, items))
            finally:
                self.net.train(was)

    def predict_cells(self, rows, cols, chunk: int = 1 << 18) -> np.ndarray:
        """Predictions (float64, on the scale) for the cells (rows[k], cols[k]), in chunks."""
        torch = _torch()
        rows = np.ascontiguousarray(rows, dtype=np.int64)  # torch refuses negative strides (arr[::-1])
        cols = np.ascontiguousarray(cols, dtype=np.int64)
        out = np.empty(len(rows), dtype=np.float64)
        for s in range(0, len(rows), chunk):
            u = torch.as_tensor(rows[s : s + chunk], device=self.device)
            i = torch.as_tensor(cols[s : s + chunk], device=self.device)
            out[s : s + len(u)] = self.predict(u, i).double().cpu().numpy()
        return out

    def predict_rows(self, rows, cols=None) -> np.ndarray:
        """Predictions for users ``rows`` × items ``cols`` (None = every item), on the scale: a block of
        the full matrix, for a lazy grid or a top-N list of a matrix too large to predict whole."""
        rows = np.asarray(rows, dtype=np.int64)
        cols = np.arange(self.n_items, dtype=np.int64) if cols is None else np.asarray(cols, dtype=np.int64)
        block = self.predict_cells(np.repeat(rows, len(cols)), np.tile(cols, len(rows)), chunk=1 << 20)
        return block.reshape(len(rows), len(cols))

    def predict_matrix(self) -> np.ndarray:
        """Predictions for every (user, item) pair, users × items, on the scale."""
        torch = _torch()
        limit = _max_cells()
        if self.n_users * self.n_items > limit:
            from ..data import cells_text
            from ..errors import InputError

            raise InputError(
                f"predicting every cell of {self.n_users:,} users × {self.n_items:,} items "
                f"({cells_text(self.n_users * self.n_items)}) would not fit in memory (SoloRec's grid holds "
                f"{limit:,}); ask for top-N recommendations or the predictions for chosen users instead"
            )
        full = self.predict_all()
        if full is not None:
            return full.double().cpu().numpy()
        n_users, n_items = self.n_users, self.n_items
        flat = np.arange(n_users * n_items, dtype=np.int64)
        with torch.no_grad():
            return self.predict_cells(flat // n_items, flat % n_items, chunk=1 << 20).reshape(n_users, n_items)

    def predict_all(self) -> torch.Tensor | None:
        """The whole matrix in one go, where the model can do better than cell by cell; None = cell by cell."""
        return None

    # -- what the window shows ------------------------------------------------------

    def embeddings(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(user vectors, item vectors) for the embedding map, or None when the model has none."""
        ue, ie = self.table("user_emb"), self.table("item_emb")
        return (ue, ie) if ue is not None and ie is not None else None

    def table(self, attr: str) -> np.ndarray | None:
        """A per-user or per-item table of the network (``user_emb``, ``item_bias``, …) as float64, or None."""
        layer = getattr(self.net, attr, None) if self.net is not None else None
        weight = getattr(layer, "weight", None)
        return None if weight is None else weight.detach().double().cpu().numpy()

    def explain(self, u: int, i: int) -> dict | None:
        """The terms of the prediction for one cell, where the model's formula has them; None otherwise.

        A dict with ``lines`` (text for a tooltip) and the named terms."""
        return None

    @property
    def spec(self) -> TrainSpec:
        return TrainSpec(self.name, self.params)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.params!r})"


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------

REGISTRY: dict[str, type[Recommender]] = {}


def register(cls: type[Recommender]) -> type[Recommender]:
    """Class decorator: make a model available to the CLI, the window and model files."""
    if not cls.name or cls.name in REGISTRY and REGISTRY[cls.name] is not cls:
        raise ValueError(f"model name {cls.name!r} is empty or already registered")
    if not (dataclasses.is_dataclass(cls.Params) and issubclass(cls.Params, Params)):
        raise TypeError(f"{cls.__name__}.Params must be a Params dataclass")
    REGISTRY[cls.name] = cls
    return cls


# ---------------------------------------------------------------------------
# What to train: a model name, its settings, and how to run it
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainSpec:
    """A model and its settings, plus the run options that are not the model's own.

    ``patience``: early stopping (stop after this many epochs without a better
    validation loss and restore the best weights; needs a validation set).
    ``device``: ``cpu``, ``cuda`` or ``auto``.
    """

    model: str = "mf"
    params: Params | None = None
    patience: int | None = None
    device: str = "cpu"

    def __post_init__(self) -> None:
        cls = model_class(self.model)
        if self.params is None:
            object.__setattr__(self, "params", cls.Params())
        elif not isinstance(self.params, cls.Params):
            raise ConfigError(f"{self.model} takes {cls.Params.__name__}, not {type(self.params).__name__}")

    def validate(self) -> TrainSpec:
        self.params.validate()
        if self.patience is not None and int(self.patience) < 1:
            raise ConfigError(f"patience must be at least 1 epoch, not {self.patience}")
        if self.device not in ("cpu", "cuda", "auto"):
            raise ConfigError(f"device must be auto, cpu or cuda, not {self.device!r}")
        return self

    def create(self) -> Recommender:
        return model_class(self.model)(self.params)

    @property
    def model_class(self) -> type[Recommender]:
        return model_class(self.model)

    def with_params(self, **changes: Any) -> TrainSpec:
        return dataclasses.replace(self, params=self.params.replace(**changes))

    def replace(self, **changes: Any) -> TrainSpec:
        return dataclasses.replace(self, **changes).validate()

    def summary(self) -> str:
        """The key settings in a few words (``dim 2, 100 epochs, lr 0.1, full batch``)."""
        return self.params.summary(model_class(self.model).key_settings)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "params": self.params.to_dict(), "patience": self.patience, "device": self.device}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainSpec:
        name = str(data.get("model", "mf"))
        params = model_class(name).Params.from_dict(data.get("params") or {})
        patience = data.get("patience")
        return cls(name, params, None if patience in (None, 0) else int(patience), str(data.get("device", "cpu"))).validate()


def model_class(name: str) -> type[Recommender]:
    """The registered model called ``name``; a :class:`ConfigError` naming the choices otherwise."""
    from . import load_all

    load_all()
    try:
        return REGISTRY[name]
    except KeyError:
        raise ConfigError(f"unknown model {name!r}; choose one of {', '.join(model_names())}") from None


def model_names() -> tuple[str, ...]:
    from . import load_all

    load_all()
    return tuple(sorted(REGISTRY, key=lambda n: (REGISTRY[n].order, n)))


def model_classes() -> Iterator[type[Recommender]]:
    return (REGISTRY[n] for n in model_names())


def create(name: str, params: Params | None = None, **overrides: Any) -> Recommender:
    """A new, untrained model ``name`` with ``params`` (default: its own defaults) and ``overrides``."""
    return model_class(name)(params, **overrides)


def liked_threshold(scale: tuple[float, float]) -> float:
    """The rating from which an item counts as liked (relevant in top-N metrics): the top quarter of the
    scale, 4 on 1–5 (MovieLens), 3.75 on 0–5."""
    lo, hi = scale
    return float(lo + 0.75 * (hi - lo))


def squash(score: torch.Tensor, scale: tuple[float, float]) -> torch.Tensor:
    """``lo + (hi − lo)·σ(score)``; for a 0-based scale exactly the lecture's ``sigmoid(score) * hi``."""
    lo, hi = scale
    if lo == 0.0:
        return score.sigmoid() * hi
    return lo + (hi - lo) * score.sigmoid()


def squash_text(scale: tuple[float, float]) -> str:
    lo, hi = scale
    return f"{hi:g}·σ(score)" if lo == 0.0 else f"{lo:g} + {hi - lo:g}·σ(score)"
