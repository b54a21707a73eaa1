"""The recommenders, as ``torch.nn.Module`` classes.

All models map (user index, item index) to a rating on the scale ``lo..hi``:

* ``mf`` (the lecture's matrix factorisation):
  ``ŷ = lo + (hi − lo) · σ(u·v + b_u + b_i)``, which for 0–5 is ``σ(·) · 5``.
* ``nn`` (the lecture's neural recommender): the same embeddings and biases,
  concatenated ``[u, v, b_u, b_i]`` and fed through an MLP
  ``Linear(2·dim+2, 15) → ReLU → Linear(15, 15) → ReLU → Linear(15, 1)``,
  then ``σ`` scaled to the rating range.
* ``baseline``: ``ŷ = μ + b_u + b_i`` (μ = mean training rating), clipped to the
  scale: what any model must beat for its embeddings to earn their keep.

Embeddings are created in the lecture's order (user embedding, user bias,
item embedding, item bias) right after seeding, so the seeded run reproduces
the lecture's numbers exactly.
"""

from __future__ import annotations

import torch
from torch import nn

from .catalog import MODEL_DESCRIPTIONS, MODEL_NAMES  # noqa: F401 (re-exported)


class RecModel(nn.Module):
    """Common interface: ``forward`` for training, ``predict`` clipped to the scale."""

    kind = "?"

    def __init__(self, n_users: int, n_items: int, scale: tuple[float, float]) -> None:
        super().__init__()
        self.n_users, self.n_items = n_users, n_items
        self.lo, self.hi = float(scale[0]), float(scale[1])

    def _squash(self, score: torch.Tensor) -> torch.Tensor:
        if self.lo == 0.0:
            return torch.sigmoid(score) * self.hi  # the lecture's exact expression
        return self.lo + (self.hi - self.lo) * torch.sigmoid(score)

    @torch.no_grad()
    def predict(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        return self.forward(users, items).clamp(self.lo, self.hi)

    def embeddings(self) -> tuple[torch.Tensor, torch.Tensor] | None:
        """(user vectors, item vectors) for the embedding map, or None if the model has none."""
        return None


class MF(RecModel):
    kind = "mf"

    def __init__(self, n_users: int, n_items: int, dim: int = 2, scale: tuple[float, float] = (0.0, 5.0)) -> None:
        super().__init__(n_users, n_items, scale)
        self.user_emb = nn.Embedding(n_users, dim)
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_emb = nn.Embedding(n_items, dim)
        self.item_bias = nn.Embedding(n_items, 1)

    def score(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        dot = (self.user_emb(users) * self.item_emb(items)).sum(dim=1)
        return dot + self.user_bias(users).squeeze(1) + self.item_bias(items).squeeze(1)

    def forward(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        return self._squash(self.score(users, items))

    def embeddings(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.user_emb.weight.detach(), self.item_emb.weight.detach()


class NN(RecModel):
    kind = "nn"

    def __init__(
        self,
        n_users: int,
        n_items: int,
        dim: int = 2,
        hidden: tuple[int, ...] = (15, 15),
        scale: tuple[float, float] = (0.0, 5.0),
    ) -> None:
        super().__init__(n_users, n_items, scale)
        self.user_emb = nn.Embedding(n_users, dim)
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_emb = nn.Embedding(n_items, dim)
        self.item_bias = nn.Embedding(n_items, 1)
        layers: list[nn.Module] = []
        width = 2 * dim + 2
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, 1))
        self.mlp = nn.Sequential(*layers)

    def forward(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        x = torch.cat(
            [self.user_emb(users), self.item_emb(items), self.user_bias(users), self.item_bias(items)], dim=1
        )
        return self._squash(self.mlp(x).squeeze(1))

    def embeddings(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.user_emb.weight.detach(), self.item_emb.weight.detach()


class Baseline(RecModel):
    kind = "baseline"

    def __init__(
        self, n_users: int, n_items: int, global_mean: float = 0.0, scale: tuple[float, float] = (0.0, 5.0)
    ) -> None:
        super().__init__(n_users, n_items, scale)
        self.register_buffer("global_mean", torch.tensor(float(global_mean)))
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_bias = nn.Embedding(n_items, 1)
        nn.init.zeros_(self.user_bias.weight)
        nn.init.zeros_(self.item_bias.weight)

    def forward(self, users: torch.Tensor, items: torch.Tensor) -> torch.Tensor:
        return self.global_mean + self.user_bias(users).squeeze(1) + self.item_bias(items).squeeze(1)


def build_model(
    kind: str,
    n_users: int,
    n_items: int,
    *,
    dim: int = 2,
    hidden: tuple[int, ...] = (15, 15),
    scale: tuple[float, float] = (0.0, 5.0),
    global_mean: float = 0.0,
) -> RecModel:
    """Create a model; call ``torch.manual_seed`` first for a reproducible start."""
    if kind == "mf":
        return MF(n_users, n_items, dim, scale)
    if kind == "nn":
        return NN(n_users, n_items, dim, tuple(hidden), scale)
    if kind == "baseline":
        return Baseline(n_users, n_items, global_mean, scale)
    if kind in ("mf-large", "autorec", "mf+autorec"):
        from .large import build_large_model  # large.py imports RecModel from here

        return build_large_model(kind, n_users, n_items, dim=dim, scale=scale, global_mean=global_mean)
    raise ValueError(f"unknown model {kind!r}")
