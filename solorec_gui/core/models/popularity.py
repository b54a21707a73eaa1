"""``popularity``: rank items by how many users rated them (ties: higher mean rating first).

The yardstick every top-N ranker must beat (on ml-100k u1: NDCG@10 0.245, precision@10 0.214).
A ranker: its scores order items, they are not ratings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import LECTURE_SEED, Params, Recommender, _torch, register, setting


@dataclass(frozen=True)
class PopularityParams(Params):
    seed: int = setting(LECTURE_SEED, label="Seed", minimum=0, maximum=2**63 - 1)


@register
class Popularity(Recommender):
    name = "popularity"
    display_name = "Popularity (top-N baseline)"
    description = "Popularity: items ranked by their number of ratings; the baseline for top-N lists"
    Params = PopularityParams
    order = 90
    rates = False
    key_settings = ()

    def build(self, data):
        torch = _torch()
        net = torch.nn.Module()
        net.register_buffer("score", torch.zeros(self.n_items))
        return net

    def phases(self, data):
        return []

    def solve(self, data) -> float:
        torch = _torch()
        count = torch.bincount(data.items.cpu(), minlength=self.n_items).double()
        total = torch.zeros(self.n_items, dtype=torch.float64).index_add_(0, data.items.cpu(), data.y.cpu().double())
        mean = torch.where(count > 0, total / count.clamp(min=1), torch.zeros_like(count))
        span = self.scale[1] - self.scale[0] + 1.0
        self.net.score.copy_((count + mean / span).float())  # the mean only breaks ties between equal counts
        return 0.0

    def forward(self, users, items):
        return self.net.score[items]

    def _clamp(self, pred):
        return pred

    def predict_all(self):
        return self.net.score.expand(self.n_users, self.n_items).clone()

    def apply_cold_start(self, cold_users, cold_items) -> None:
        """Nothing to reset: everyone gets the same list."""

    def extend(self, axis, ratings) -> None:
        torch = _torch()
        if axis == "items":
            extra = torch.tensor([float(len(r[0])) for r in ratings], device=self.net.score.device)
            self.net.score = torch.cat([self.net.score, extra])

    def fit_new(self, axis, new, ratings, *, epochs, lr) -> None:
        """Nothing to fit."""
