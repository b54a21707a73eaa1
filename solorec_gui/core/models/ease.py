"""``ease``: EASE (Steck, WWW 2019), a closed-form item-item model for top-N lists.

It learns item-to-item weights B (zero diagonal) that best reconstruct each user's row of the
known-ratings pattern X: ``min |X − XB|² + λ|B|²``, solved in one go with one items × items
inverse: ``P = (XᵀX + λI)⁻¹``, ``B = −P / diag(P)``, diagonal set to 0. A user's score for an item
is ``x_u · B[:, i]``. It is a *ranker*: its scores order items for a user, they are not ratings, so
``complete`` refuses it and ``recommend`` uses it.

The input row mixes "rated" and "liked": ``X = (1 − w)·[rated] + w·[rating ≥ the scale's top quarter: 4 on 1–5]``.
Chosen on a 20 % validation slice of ml-100k ``u1.base`` (seed 1), never on a test file
(NDCG@10 on the slice; λ ∈ {100, 250, 500, 1000}, inputs rated / rating÷5 / liked / mixed):
mixed with w = 0.5 and λ = 250 scored best (0.283; rated-only λ = 500: 0.264). On u1.test that
gives NDCG@10 0.482 and precision@10 0.39 (popularity: 0.245 / 0.214).

Fold-in is free: a new user's scores are her row times B; a new item has no learnt weights, so
it scores 0 (it is not recommended until the model is trained again).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError
from .base import LECTURE_SEED, Params, Recommender, _torch, liked_threshold, register, setting

#: One items × items inverse in float64: 20,000 items take 3.2 GB and minutes; above that, refuse.
MAX_ITEMS = 20_000


@dataclass(frozen=True)
class EASEParams(Params):
    lam: float = setting(250.0, label="λ (L2)", minimum=0.0, decimals=2, help="ridge penalty on the item weights")
    liked_weight: float = setting(0.5, label="Weight of 'liked'", minimum=0.0, maximum=1.0, decimals=2,
                                  help="input = (1 − w)·rated + w·liked (rating in the scale's top quarter: 4 on 1–5)")
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


@register
class EASE(Recommender):
    name = "ease"
    display_name = "EASE (top-N ranker)"
    description = "EASE: closed-form item-item weights on the rated/liked pattern; ranks items, does not predict ratings"
    Params = EASEParams
    order = 80
    rates = False
    key_settings = ("lam", "liked_weight")

    def build(self, data):
        torch = _torch()
        if self.n_items > MAX_ITEMS:
            raise ConfigError(f"EASE needs an items × items inverse; {self.n_items:,} items is more than it "
                              f"handles ({MAX_ITEMS:,}): use a rating model to rank")
        net = torch.nn.Module()
        net.register_buffer("x", torch.zeros(self.n_users, self.n_items))
        net.register_buffer("b", torch.zeros(self.n_items, self.n_items))
        if data is not None:
            net.x[data.users.cpu(), data.items.cpu()] = self._input(data.y.cpu())
        return net

    def _input(self, ratings):
        liked = (ratings >= liked_threshold(self.scale)).float()
        w = float(self.params.liked_weight)
        return (1.0 - w) + w * liked

    def phases(self, data):
        return []

    def solve(self, data) -> float:
        torch = _torch()
        x = self.net.x.double()
        gram = x.T @ x
        gram.diagonal().add_(float(self.params.lam))
        p = torch.linalg.inv(gram)
        b = -p / p.diagonal()
        b.diagonal().zero_()
        self.net.b.copy_(b.float())
        return float(((x - x @ b) ** 2).mean())

    def forward(self, users, items):
        n = self.net
        return (n.x[users] * n.b[:, items].T).sum(dim=1)

    def _clamp(self, pred):
        return pred  # scores, not ratings

    def predict_all(self):
        torch = _torch()
        with torch.no_grad():
            return self.net.x @ self.net.b

    def apply_cold_start(self, cold_users, cold_items) -> None:
        """Nothing to reset: a user without ratings scores 0 everywhere (the list falls back to item order)."""

    def extend(self, axis, ratings) -> None:
        torch = _torch()
        n = self.net
        k = len(ratings)
        if axis == "users":
            rows = torch.zeros(k, self.n_items)
            for j, (items, vals) in enumerate(ratings):
                idx = torch.as_tensor(np.asarray(items, dtype=np.int64))
                rows[j, idx] = self._input(torch.as_tensor(np.asarray(vals, dtype=np.float32)))
            n.x = torch.cat([n.x, rows.to(n.x.device)])
        else:
            n.x = torch.cat([n.x, torch.zeros(self.n_users, k, device=n.x.device)], dim=1)
            grown = torch.zeros(self.n_items + k, self.n_items + k, device=n.b.device)
            grown[: self.n_items, : self.n_items] = n.b
            n.b = grown

    def fit_new(self, axis, new, ratings, *, epochs, lr) -> None:
        """Nothing to fit: a new user's scores are her row times B; a new item has no weights yet."""
