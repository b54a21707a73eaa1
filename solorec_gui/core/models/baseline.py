"""``baseline``: ``ŷ = μ + b_u + b_i`` (μ = mean training rating), clipped to the scale.

No embeddings: what any model must beat for its embeddings to earn their keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import GradientParams, Recommender, _torch, register, setting


@dataclass(frozen=True)
class BaselineParams(GradientParams):
    weight_decay: float = setting(0.0, label="Weight decay", minimum=0.0, decimals=6, help="Adam's L2 penalty")


@register
class Baseline(Recommender):
    name = "baseline"
    display_name = "Baseline: mean + biases"
    description = "Baseline: mean rating + user bias + item bias (no embeddings)"
    Params = BaselineParams
    order = 30
    user_tables = {"user_bias": "mean"}
    item_tables = {"item_bias": "mean"}
    key_settings = ("epochs", "lr", "weight_decay")

    def build(self, data):
        torch = _torch()
        nn = torch.nn
        net = nn.Module()
        net.register_buffer("global_mean", torch.tensor(float(self.global_mean)))
        net.user_bias = nn.Embedding(self.n_users, 1)
        net.item_bias = nn.Embedding(self.n_items, 1)
        nn.init.zeros_(net.user_bias.weight)
        nn.init.zeros_(net.item_bias.weight)
        return net

    def forward(self, users, items):
        n = self.net
        return n.global_mean + n.user_bias(users).squeeze(1) + n.item_bias(items).squeeze(1)

    def explain(self, u: int, i: int) -> dict:
        b_u, b_i = float(self.table("user_bias")[u, 0]), float(self.table("item_bias")[i, 0])
        mean = float(self.net.global_mean)
        from ..texts import Text

        lines = [Text("biases", mean=mean, b_u=b_u, b_i=b_i, total=mean + b_u + b_i)]
        return dict(mean=mean, b_u=b_u, b_i=b_i, lines=lines)
