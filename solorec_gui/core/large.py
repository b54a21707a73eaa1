"""Training recipes for large sparse matrices (MovieLens size and up).

The lecture's recipe (MF dim 2, full-batch Adam lr 0.1, σ-squashed scores)
reproduces its 9 × 8 table but does poorly on 100,000 ratings spread over
943 × 1682 cells (RMSE ≈ 1.00 on ml-100k ``u1``, worse than each item's mean).
This module holds the models and the training loop meant for such data:

* ``mf-large``: ``ŷ = μ + b_u + b_i + p_u·q_i`` with μ the training mean,
  embeddings initialised small (std 0.01), biases at zero, no squashing
  (predictions are clipped to the range of the training ratings). Trained on
  shuffled mini-batches with Adam (or SparseAdam over sparse embeddings) on
  ``MSE + reg·mean(|p_u|² + |q_i|²) + bias_reg·mean(b_u² + b_i²)`` where the
  means run over the batch: users and items that appear often are
  regularised often, as in Funk's SGD.
* ``autorec``: the item-based autoencoder I-AutoRec (Sedhain et al., 2015).
  Each item's column of ratings (one entry per user, 0 where missing) goes
  through ``h = σ(V r + b)`` (``dim`` hidden units) and back through
  ``r̂ = W h + c``; the loss counts the known entries only, plus
  ``reg / 2 · (|V|² + |W|²) / n_ratings``. Mini-batches are sets of items.
* ``mf+autorec``: both of the above trained one after the other in one run,
  their predictions averaged with weight ``blend`` on the MF.

``fit_large`` is what :func:`solorec_gui.core.training.fit` calls for these
kinds: same hooks (``on_epoch`` after every epoch with the training MSE,
``should_stop`` polled between mini-batches), same :class:`FitResult`, same
early stopping (``patience`` with a validation mask).

Defaults (see :data:`LARGE_DEFAULTS`) were tuned on a 10 % validation slice of
ml-100k ``u1.base`` only; ``bench/movielens.py`` reports what they give on the
five canonical test folds.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable

import numpy as np
import torch
from torch import nn

from .catalog import LARGE_DEFAULTS, LARGE_DESCRIPTIONS, LARGE_MODEL_NAMES  # noqa: E402,F401 (re-exported)
from .errors import TrainingError
from .models import RecModel
from .runtime import TrainingData, check_finite_loss, check_finite_weights, torch_threads


def _option(config, name: str, kind: str | None = None):
    """``config.<name>``, or the kind's tuned default when the config leaves it as None."""
    value = getattr(config, name, None)
    if value is None:
        value = LARGE_DEFAULTS[kind or config.model].get(name)
    return value


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


class LargeMF(RecModel):
    """``μ + b_u + b_i + p_u·q_i``; see the module docstring."""

    kind = "mf-large"

    def __init__(
        self,
        n_users: int,
        n_items: int,
        dim: int = 64,
        scale: tuple[float, float] = (0.0, 5.0),
        global_mean: float = 0.0,
        *,
        sparse: bool = False,
        init_std: float = 0.01,
        clip: tuple[float, float] | None = None,
    ) -> None:
        super().__init__(n_users, n_items, scale)
        self.user_emb = nn.Embedding(n_users, dim, sparse=sparse)
        self.user_bias = nn.Embedding(n_users, 1, sparse=sparse)
        self.item_emb = nn.Embedding(n_items, dim, sparse=sparse)
        self.item_bias = nn.Embedding(n_items, 1, sparse=sparse)
        nn.init.normal_(self.user_emb.weight, std=init_std)
        nn.init.normal_(self.item_emb.weight, std=init_std)
        nn.init.zeros_(self.user_bias.weight)
        nn.init.zeros_(self.item_bias.weight)
        self.register_buffer("global_mean", torch.tensor(float(global_mean)))
        lo, hi = clip if clip is not None else (self.lo, self.hi)
        self.register_buffer("clip", torch.tensor([float(lo), float(hi)]))

    def terms(self, users: torch.Tensor, items: torch.Tensor):
        p, q = self.user_emb(users), self.item_emb(items)
        bu, bi = self.user_bias(users).squeeze(1), self.item_bias(items).squeeze(1)
        return self.global_mean + bu + bi + (p * q).sum(dim=1), p, q, bu, bi

    def forward(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        return self.terms(users, items)[0]

    @torch.no_grad()
    def predict(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        return self.forward(users, items).clamp(self.clip[0], self.clip[1])

    @torch.no_grad()
    def predict_all(self) -> torch.Tensor:
        """The full users × items matrix in one matrix product."""
        p, q = self.user_emb.weight, self.item_emb.weight
        out = p @ q.T + self.user_bias.weight + self.item_bias.weight.T + self.global_mean
        return out.clamp(self.clip[0], self.clip[1])

    def embeddings(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.user_emb.weight.detach(), self.item_emb.weight.detach()


class AutoRec(RecModel):
    """Item-based AutoRec; holds the training ratings it reconstructs from."""

    kind = "autorec"

    def __init__(
        self,
        n_users: int,
        n_items: int,
        dim: int = 500,
        scale: tuple[float, float] = (0.0, 5.0),
        global_mean: float = 0.0,
        *,
        clip: tuple[float, float] | None = None,
    ) -> None:
        super().__init__(n_users, n_items, scale)
        self.encoder = nn.Linear(n_users, dim)
        self.decoder = nn.Linear(dim, n_users)
        self.register_buffer("global_mean", torch.tensor(float(global_mean)))
        lo, hi = clip if clip is not None else (self.lo, self.hi)
        self.register_buffer("clip", torch.tensor([float(lo), float(hi)]))
        # items × users ratings (0 = missing) and the mask of known entries.
        self.register_buffer("inputs", torch.zeros(n_items, n_users))
        self.register_buffer("seen_items", torch.zeros(n_items, dtype=torch.bool))
        self.register_buffer("seen_users", torch.zeros(n_users, dtype=torch.bool))

    def set_ratings(self, users: torch.Tensor, items: torch.Tensor, ratings: torch.Tensor) -> None:
        self.inputs.zero_()
        self.inputs[items, users] = ratings.to(self.inputs.dtype)
        self.seen_items.zero_()
        self.seen_items[items] = True
        self.seen_users.zero_()
        self.seen_users[users] = True

    def reconstruct(self, item_rows: torch.Tensor) -> torch.Tensor:
        """Reconstructed rating rows (one per item in ``item_rows``, one column per user)."""
        return self.decoder(torch.sigmoid(self.encoder(self.inputs[item_rows])))

    def forward(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        uniq, inverse = torch.unique(items, return_inverse=True)
        return self.reconstruct(uniq)[inverse, users]

    def _fallback(self, pred: torch.Tensor, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        # Items or users without a training rating have nothing to reconstruct from.
        unseen = ~(self.seen_items[items] & self.seen_users[users])
        return torch.where(unseen, self.global_mean, pred)

    @torch.no_grad()
    def predict(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        pred = self._fallback(self.forward(users, items), users, items)
        return pred.clamp(self.clip[0], self.clip[1])

    @torch.no_grad()
    def predict_all(self, chunk: int = 2048) -> torch.Tensor:
        rows = [self.reconstruct(torch.arange(s, min(self.n_items, s + chunk), device=self.inputs.device))
                for s in range(0, self.n_items, chunk)]
        out = torch.cat(rows).T  # users × items
        unseen = ~(self.seen_users[:, None] & self.seen_items[None, :])
        return torch.where(unseen, self.global_mean, out).clamp(self.clip[0], self.clip[1])

    def embeddings(self) -> tuple[torch.Tensor, torch.Tensor]:
        # Users: the decoder's output weights; items: their hidden codes.
        with torch.no_grad():
            items = torch.sigmoid(self.encoder(self.inputs))
        return self.decoder.weight.detach(), items


class Blend(RecModel):
    """Weighted average of trained models' (clipped) predictions."""

    kind = "mf+autorec"

    def __init__(self, parts: list[RecModel], weights: list[float]) -> None:
        first = parts[0]
        super().__init__(first.n_users, first.n_items, (first.lo, first.hi))
        self.parts = nn.ModuleList(parts)
        self.register_buffer("weights", torch.tensor([float(w) for w in weights]))

    def forward(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        return sum(w * m.predict(users, items) for w, m in zip(self.weights, self.parts))

    @torch.no_grad()
    def predict(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        return self.forward(users, items)

    @torch.no_grad()
    def predict_all(self) -> torch.Tensor:
        return sum(w * m.predict_all() for w, m in zip(self.weights, self.parts))

    def embeddings(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.parts[0].embeddings()


def build_large_model(
    kind: str,
    n_users: int,
    n_items: int,
    *,
    dim: int = 64,
    scale: tuple[float, float] = (0.0, 5.0),
    global_mean: float = 0.0,
    sparse: bool = False,
    clip: tuple[float, float] | None = None,
) -> RecModel:
    if kind == "mf-large":
        return LargeMF(n_users, n_items, dim, scale, global_mean, sparse=sparse, clip=clip)
    if kind == "autorec":
        return AutoRec(n_users, n_items, dim, scale, global_mean, clip=clip)
    if kind == "mf+autorec":  # the shape fit_large gives it (for reloading saved weights)
        w = LARGE_DEFAULTS["mf+autorec"]["blend"]
        parts = [
            LargeMF(n_users, n_items, dim, scale, global_mean, sparse=sparse, clip=clip),
            AutoRec(n_users, n_items, LARGE_DEFAULTS["autorec"]["dim"], scale, global_mean, clip=clip),
        ]
        return Blend(parts, [w, 1.0 - w])
    raise ValueError(f"unknown model {kind!r}")


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------


class _Stopped(Exception):
    pass


#: torch threads while training each kind. On a 2-core machine shared with
#: other jobs, OpenMP threads that spin-wait for a descheduled sibling cost far
#: more than they give: 1000 small embedding steps took 0.55 s on one thread
#: and 12.8 s on two; the whole mf+autorec fit on u2 took 5.5–9 s on one thread
#: and 21–23 s on two, measured back to back. On an idle machine two threads
#: would speed AutoRec's matrix products up ~1.6×; None = torch's setting.
THREADS = {"mf-large": 1, "autorec": 1}


def _train_loop(
    model: RecModel,
    *,
    step_batches: Callable[[torch.Tensor], tuple[torch.Tensor, torch.Tensor]],
    n_units: int,
    epochs: int,
    batch: int,
    optimizers: list[torch.optim.Optimizer],
    lr_decay: float,
    seed: int,
    device: str,
    lr: float,
    valid: tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None,
    patience: int | None,
    report: Callable[[float, float | None], None],
    should_stop: Callable[[], bool] | None,
    n_ratings: int,
) -> tuple[list[float], list[float], int]:
    """Shuffled mini-batches over ``n_units`` (ratings or items); returns histories and best epoch.

    ``step_batches(idx)`` returns (loss to minimise, summed squared error of the batch).
    Raises :class:`_Stopped` (with histories attached) when ``should_stop`` fires.
    """
    generator = torch.Generator().manual_seed(int(seed))
    schedulers = [torch.optim.lr_scheduler.ExponentialLR(o, lr_decay) for o in optimizers] if lr_decay != 1.0 else []
    history: list[float] = []
    val_history: list[float] = []
    best = (math.inf, 0, None)
    for epoch in range(1, epochs + 1):
        order = torch.randperm(n_units, generator=generator).to(device)
        sse = 0.0
        for start in range(0, n_units, batch):
            if should_stop is not None and should_stop():
                raise _Stopped(history, val_history, best)
            loss, batch_sse = step_batches(order[start : start + batch])
            for o in optimizers:
                o.zero_grad(set_to_none=True)
            loss.backward()
            for o in optimizers:
                o.step()
            sse += float(batch_sse)
        for s in schedulers:
            s.step()
        epoch_loss = sse / n_ratings
        check_finite_loss(epoch_loss, epoch, lr)
        history.append(epoch_loss)
        val_loss = None
        if valid is not None:
            with torch.no_grad():
                val_loss = float(torch.mean((model.predict(valid[0], valid[1]) - valid[2]) ** 2))
            val_history.append(val_loss)
            if val_loss < best[0]:
                best = (val_loss, epoch, copy.deepcopy(model.state_dict()) if patience else None)
        report(epoch_loss, val_loss)
        if patience and epoch - best[1] >= int(patience):
            break
    if patience and best[2] is not None:
        model.load_state_dict(best[2])
        return history, val_history, best[1]
    return history, val_history, len(history)


def _train_mf(model: LargeMF, users, items, y, *, reg, bias_reg, lr, sparse, **loop):
    if sparse:
        optimizers = [torch.optim.SparseAdam(list(model.parameters()), lr=lr)]
    else:
        optimizers = [torch.optim.Adam(model.parameters(), lr=lr)]

    def step(idx):
        pred, p, q, bu, bi = model.terms(users[idx], items[idx])
        err = pred - y[idx]
        sq = err * err
        loss = sq.mean() + reg * ((p * p).sum(1) + (q * q).sum(1)).mean() + bias_reg * (bu * bu + bi * bi).mean()
        return loss, sq.detach().sum()

    return _train_loop(model, step_batches=step, optimizers=optimizers, lr=lr, **loop)


def _train_autorec(model: AutoRec, users, items, y, *, reg, bias_reg, lr, sparse, **loop):
    model.set_ratings(users, items, y)
    mask = torch.zeros_like(model.inputs)
    mask[items, users] = 1.0
    n = len(y)
    # (Starting the decoder's bias at the mean rating converged faster but overfit: 0.906 best vs 0.899 on validation.)
    optimizers = [torch.optim.Adam(model.parameters(), lr=lr)]

    def step(idx):
        out = model.reconstruct(idx)
        m = mask[idx]
        sq = ((out - model.inputs[idx]) * m) ** 2
        sse = sq.sum()
        penalty = reg / 2 * (model.encoder.weight.pow(2).sum() + model.decoder.weight.pow(2).sum()) / n
        loss = sse / m.sum().clamp(min=1.0) + penalty
        return loss, sse.detach()

    return _train_loop(model, step_batches=step, optimizers=optimizers, lr=lr, **loop)


def fit_large(
    matrix,
    config,
    *,
    train_mask: np.ndarray | None = None,
    valid_mask: np.ndarray | None = None,
    on_epoch=None,
    should_stop=None,
):
    """Train one of :data:`LARGE_MODEL_NAMES`; same contract as ``training.fit``."""
    from .training import EpochReport, FitResult  # training imports us

    started = time.perf_counter()
    data = TrainingData(matrix, config, train_mask, valid_mask)
    device, vals = data.device, data.vals
    users, items, y, valid = data.users, data.items, data.y, data.valid
    mean = float(vals.mean())
    clip = (float(vals.min()), float(vals.max()))
    kinds = ["mf-large", "autorec"] if config.model == "mf+autorec" else [config.model]
    # Per-part settings: the config's values for the first (or only) part, tuned defaults for the AutoRec of a blend.
    parts_cfg = []
    for k in kinds:
        if config.model == "mf+autorec" and k == "autorec":
            d = dict(LARGE_DEFAULTS["autorec"])
            d["sparse"] = False
        else:
            d = dict(
                dim=int(config.dim),
                epochs=int(config.epochs),
                lr=float(config.lr),
                batch_size=int(config.batch_size or 0),
                reg=float(_option(config, "reg")),
                bias_reg=float(_option(config, "bias_reg")),
                lr_decay=float(_option(config, "lr_decay")),
                sparse=bool(getattr(config, "sparse", False)),
            )
        parts_cfg.append(d)
    total_epochs = sum(d["epochs"] for d in parts_cfg)

    torch.manual_seed(int(config.seed))
    history: list[float] = []
    val_history: list[float] = []
    models: list[RecModel] = []
    stopped = False
    best_epoch = 0
    offset = 0
    for k, d in zip(kinds, parts_cfg):
        model = build_large_model(
            k, matrix.n_users, matrix.n_items, dim=d["dim"], scale=matrix.scale, global_mean=mean,
            sparse=d["sparse"] and k == "mf-large", clip=clip,
        ).to(device)
        models.append(model)
        n_units = len(vals) if k == "mf-large" else matrix.n_items
        batch = d["batch_size"] if 0 < d["batch_size"] < n_units else n_units
        part_valid = valid if len(kinds) == 1 else None  # the blend is validated as a whole below

        def report(loss, val_loss, _model=model):
            history.append(loss)
            if val_loss is not None:
                val_history.append(val_loss)
            if on_epoch is not None:
                on_epoch(EpochReport(len(history), total_epochs, loss, val_loss, _model))

        trainer = _train_mf if k == "mf-large" else _train_autorec
        try:
            with torch_threads(THREADS.get(k)):
                _, _, part_best = trainer(
                    model, users, items, y, reg=d["reg"], bias_reg=d["bias_reg"], lr=d["lr"], sparse=d["sparse"],
                    n_units=n_units, epochs=d["epochs"], batch=batch, lr_decay=d["lr_decay"], seed=int(config.seed),
                    device=device, valid=part_valid, patience=config.patience if part_valid is not None else None,
                    report=report, should_stop=should_stop, n_ratings=len(vals),
                )
        except _Stopped:
            stopped = True
            break
        best_epoch = offset + part_best
        offset = len(history)

    if len(models) > 1:
        # A blend stopped during its second part still blends what that part has learnt so far.
        w = float(_option(config, "blend"))
        result_model = Blend(models, [w, 1.0 - w]).to(device)
    else:
        result_model = models[0] if models else None
    if result_model is None or (not history and not stopped):
        raise TrainingError("training ran no epoch")
    if len(models) > 1 and valid is not None and not stopped:
        with torch.no_grad():
            val_loss = float(torch.mean((result_model.predict(valid[0], valid[1]) - valid[2]) ** 2))
        val_history.append(val_loss)
    check_finite_weights(result_model)
    return FitResult(
        model=result_model,
        config=config,
        history=history,
        val_history=val_history,
        fitted=None,
        stopped=stopped,
        best_epoch=best_epoch or len(history),
        seconds=time.perf_counter() - started,
        device=device,
    )
