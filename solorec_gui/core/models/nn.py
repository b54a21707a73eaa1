"""``nn``: the lecture's neural recommender.

``ŷ = lo + (hi − lo) · σ(MLP([p_u, q_i, b_u, b_i]))`` with
``MLP = Linear(2·dim+2, 15) → ReLU → Linear(15, 15) → ReLU → Linear(15, 1)``.

The layers are created in the order the lecture's ``Net.__init__`` creates
them: user features, item features, user bias, item bias, then the MLP. That
order is not MF's (user features, user bias, …): with the lecture's seed
43052 only this order starts from the lecture's weights and follows its run
(train MSE ≈ 0.0008 after 1000 epochs, the lecture's printed fits).
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import GradientParams, Recommender, _torch, register, setting, squash


@dataclass(frozen=True)
class NNParams(GradientParams):
    epochs: int = setting(1000, label="Epochs", minimum=1, maximum=1_000_000)
    dim: int = setting(2, label="Embedding dim", minimum=1, maximum=4096, help="length of each user and item vector")
    hidden: tuple[int, ...] = setting((15, 15), label="Hidden layers", help="sizes of the MLP's hidden layers, e.g. 15,15")
    weight_decay: float = setting(0.0, label="Weight decay", minimum=0.0, decimals=6, help="Adam's L2 penalty")


@register
class NN(Recommender):
    name = "nn"
    display_name = "NN: neural recommender"
    description = "Neural recommender (the lecture's): [u, v, b_u, b_i] → MLP → σ scaled to the rating range"
    Params = NNParams
    order = 20
    user_tables = {"user_emb": "zero", "user_bias": "mean"}
    item_tables = {"item_emb": "zero", "item_bias": "mean"}
    key_settings = ("dim", "hidden", "epochs", "lr", "weight_decay", "batch_size")

    def build(self, data):
        nn = _torch().nn
        net = nn.Module()
        d = int(self.params.dim)
        # The lecture's order (Net.__init__): ebdd1, ebdd2, b1, b2, mlp.
        net.user_emb = nn.Embedding(self.n_users, d)
        net.item_emb = nn.Embedding(self.n_items, d)
        net.user_bias = nn.Embedding(self.n_users, 1)
        net.item_bias = nn.Embedding(self.n_items, 1)
        layers: list = []
        width = 2 * d + 2
        for h in self.params.hidden:
            layers += [nn.Linear(width, int(h)), nn.ReLU()]
            width = int(h)
        layers.append(nn.Linear(width, 1))
        net.mlp = nn.Sequential(*layers)
        return net

    def forward(self, users, items):
        torch = _torch()
        n = self.net
        x = torch.cat([n.user_emb(users), n.item_emb(items), n.user_bias(users), n.item_bias(items)], dim=1)
        return squash(n.mlp(x).squeeze(1), self.scale)
