"""``mf``: the lecture's matrix factorisation.

``ŷ = lo + (hi − lo) · σ(p_u·q_i + b_u + b_i)``, which on the 0–5 scale is the
lecture's ``sigmoid(score) * 5``. The four embeddings are created in the
lecture's order (user features, user bias, item features, item bias) right
after the seed, and trained on the known cells in row-by-row order with full
batch Adam: with the defaults the fitted values match the lecture's printed
table to 4 decimals.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import GradientParams, Recommender, _torch, register, setting, squash, squash_text


@dataclass(frozen=True)
class MFParams(GradientParams):
    dim: int = setting(2, label="Embedding dim", minimum=1, maximum=4096, help="length of each user and item vector")
    weight_decay: float = setting(0.0, label="Weight decay", minimum=0.0, decimals=6, help="Adam's L2 penalty")


@register
class MF(Recommender):
    name = "mf"
    display_name = "MF: matrix factorisation"
    description = "Matrix factorisation (the lecture's): σ(u·v + b_u + b_i) scaled to the rating range"
    Params = MFParams
    order = 10
    user_tables = {"user_emb": "zero", "user_bias": "mean"}
    item_tables = {"item_emb": "zero", "item_bias": "mean"}
    key_settings = ("dim", "epochs", "lr", "weight_decay", "batch_size")

    def build(self, data):
        nn = _torch().nn
        net = nn.Module()
        d = int(self.params.dim)
        net.user_emb = nn.Embedding(self.n_users, d)
        net.user_bias = nn.Embedding(self.n_users, 1)
        net.item_emb = nn.Embedding(self.n_items, d)
        net.item_bias = nn.Embedding(self.n_items, 1)
        return net

    def score(self, users, items):
        n = self.net
        dot = (n.user_emb(users) * n.item_emb(items)).sum(dim=1)
        return dot + n.user_bias(users).squeeze(1) + n.item_bias(items).squeeze(1)

    def forward(self, users, items):
        return squash(self.score(users, items), self.scale)

    def explain(self, u: int, i: int) -> dict:
        ue, ie, ub, ib = (self.table(t) for t in ("user_emb", "item_emb", "user_bias", "item_bias"))
        b_u, b_i = float(ub[u, 0]), float(ib[i, 0])
        dot = float(ue[u] @ ie[i])
        score = dot + b_u + b_i
        lo, hi = self.scale
        import math

        before_clip = lo + (hi - lo) / (1.0 + math.exp(-score)) if score > -700 else lo
        from ..texts import Text

        lines = [
            Text("mf_score", b_u=b_u, b_i=b_i, dot=dot, score=score),
            Text("mf_prediction", squash=squash_text(self.scale), value=before_clip),
            Text("mf_raises" if dot > 0 else "mf_lowers", b_u=b_u, b_i=b_i),
        ]
        return dict(b_u=b_u, b_i=b_i, dot=dot, score=score, sigmoid=before_clip, lines=lines)
