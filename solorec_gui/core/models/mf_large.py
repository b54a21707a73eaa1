"""``mf-large``: matrix factorisation for large sparse data (MovieLens size).

``ŷ = μ + b_u + b_i + p_u·q_i`` with μ the training mean, embeddings
initialised small (std 0.01), biases at zero, no squashing (predictions are
clipped to the range of the training ratings). Trained on shuffled
mini-batches with Adam (on very large tables: sparse embedding gradients
scattered into torch's fused Adam, see :func:`..optim.embedding_adam`) on
``MSE + reg·mean(|p_u|² + |q_i|²) + bias_reg·mean(b_u² + b_i²)`` where the
means run over the batch: users and items that appear often are regularised
often, as in Funk's SGD. The lecture's recipe (dim 2, full-batch Adam lr 0.1,
σ-squashed scores) does poorly on 100,000 ratings (RMSE ≈ 1.00 on ml-100k u1).

Defaults tuned on a 10 % validation slice of ml-100k ``u1.base`` only
(``bench/movielens.py`` reports the five canonical test folds).
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import GradientParams, Recommender, _torch, register, setting


@dataclass(frozen=True)
class MFLargeParams(GradientParams):
    dim: int = setting(64, label="Embedding dim", minimum=1, maximum=4096)
    epochs: int = setting(25, label="Epochs", minimum=1, maximum=1_000_000)
    lr: float = setting(1e-2, label="Learning rate", above=0.0, maximum=1e12, decimals=6)
    batch_size: int = setting(8192, label="Batch size", minimum=0, zero_means="full batch")
    reg: float = setting(0.1, label="L2 on embeddings", minimum=0.0, decimals=6,
                         help="weight of mean(|p_u|² + |q_i|²) over each mini-batch")
    bias_reg: float = setting(0.01, label="L2 on biases", minimum=0.0, decimals=6,
                              help="weight of mean(b_u² + b_i²) over each mini-batch")
    lr_decay: float = setting(1.0, label="LR decay per epoch", above=0.0, maximum=1.0, decimals=4,
                              help="the learning rate is multiplied by this after every epoch (1 = constant)")
    prior_reg: float = setting(0.0, label="L2 once per user and item", minimum=0.0, decimals=4,
                               help="λ of a Gaussian prior on each user's and item's vector, counted once per "
                                    "user and item instead of once per rating (0 = off: the L2 on embeddings "
                                    "above); popular items are then not shrunk harder than rare ones")
    valid_share: float = setting(0.0, label="Early-stopping share", minimum=0.0, maximum=0.5, decimals=3,
                             help="hold out this share of the training ratings and keep the epoch with the "
                                  "lowest error on them, stopping 2 epochs after it (0 = off)")
    sparse: bool = setting(False, label="Sparse gradients",
                           help="sparse embedding gradients scattered into a fused Adam: faster on very large "
                                "tables (MovieLens-25M size), the same Adam", advanced=True)


    def summary(self, keys: tuple[str, ...] | None = None) -> str:
        text = super().summary(keys)
        if keys is None:
            return text
        if self.prior_reg and "reg" in keys:
            text = text.replace(f"reg {self.reg:g}", f"L2 once per user/item {self.prior_reg:g}")
        if self.lr_decay != 1.0:
            text += f", lr × {self.lr_decay:g} an epoch"
        if self.valid_share:
            text += f", early stopping on {self.valid_share:.0%}"
        return text


@register
class MFLarge(Recommender):
    name = "mf-large"
    display_name = "MF for large data"
    description = "MF for large data: mean + user/item biases + u·v, small init, L2 per mini-batch"
    Params = MFLargeParams
    order = 40
    large_data = True
    user_tables = {"user_emb": "zero", "user_bias": "mean"}
    item_tables = {"item_emb": "zero", "item_bias": "mean"}
    key_settings = ("dim", "epochs", "lr", "batch_size", "reg")
    #: One torch thread: on a 2-core machine shared with other jobs, OpenMP threads that
    #: spin-wait for a descheduled sibling cost far more than they give (1000 small
    #: embedding steps: 0.55 s on one thread, 12.8 s on two).
    threads = 1

    #: From this many training ratings on, :meth:`defaults_for` gives :data:`SCALE_RECIPE`.
    SCALE_RATINGS = 2_000_000
    #: The recipe for millions of ratings (MovieLens-10M/25M size; docs/scale.md has the comparison):
    #: sparse gradients into a fused Adam (``optim.embedding_adam``), 32,768-rating mini-batches, the
    #: learning rate × 0.75 an epoch (a constant one plateaus ~2 % higher in RMSE), an L2 prior counted once
    #: per user and item (λ 30; once per rating shrinks popular items too hard as the data grows) and early
    #: stopping on 2 % of the training ratings (the best λ and epoch move with the size). Chosen on
    #: bench/synth.py data of 1 M and 10 M ratings by their test RMSE over the known Bayes floor; ml-100k and
    #: ml-latest-small keep the defaults above.
    SCALE_RECIPE = dict(sparse=True, batch_size=32768, lr=0.02, lr_decay=0.75, epochs=15, prior_reg=30.0,
                        valid_share=0.02)

    @classmethod
    def defaults_for(cls, n_ratings: int, n_users: int, n_items: int) -> MFLargeParams:
        params = cls.Params()
        return params.replace(**cls.SCALE_RECIPE) if n_ratings >= cls.SCALE_RATINGS else params

    def build(self, data):
        torch = _torch()
        nn = torch.nn
        net = nn.Module()
        d, sparse = int(self.params.dim), bool(self.params.sparse)
        net.user_emb = nn.Embedding(self.n_users, d, sparse=sparse)
        net.user_bias = nn.Embedding(self.n_users, 1, sparse=sparse)
        net.item_emb = nn.Embedding(self.n_items, d, sparse=sparse)
        net.item_bias = nn.Embedding(self.n_items, 1, sparse=sparse)
        nn.init.normal_(net.user_emb.weight, std=0.01)
        nn.init.normal_(net.item_emb.weight, std=0.01)
        nn.init.zeros_(net.user_bias.weight)
        nn.init.zeros_(net.item_bias.weight)
        net.register_buffer("global_mean", torch.tensor(float(self.global_mean)))
        return net

    def terms(self, users, items):
        n = self.net
        p, q = n.user_emb(users), n.item_emb(items)
        bu, bi = n.user_bias(users).squeeze(1), n.item_bias(items).squeeze(1)
        return n.global_mean + bu + bi + (p * q).sum(dim=1), p, q, bu, bi

    def forward(self, users, items):
        return self.terms(users, items)[0]

    def _clamp(self, pred):
        return pred.clamp(self.clip[0], self.clip[1])

    def predict_rows(self, rows, cols=None):
        """A block of users × items as one matrix product (what ranks 25 M ratings' users for top-N lists)."""
        import numpy as np

        torch = _torch()
        n = self.net
        r = torch.as_tensor(np.asarray(rows, dtype=np.int64))
        c = torch.arange(self.n_items) if cols is None else torch.as_tensor(np.asarray(cols, dtype=np.int64))
        with torch.no_grad():
            p, q = n.user_emb.weight[r], n.item_emb.weight[c]
            block = p @ q.T + n.user_bias.weight[r] + n.item_bias.weight[c].T + n.global_mean
            return self._clamp(block).double().cpu().numpy()

    def predict_all(self):
        torch = _torch()
        n = self.net
        with torch.no_grad():
            p, q = n.user_emb.weight, n.item_emb.weight
            return self._clamp(p @ q.T + n.user_bias.weight + n.item_bias.weight.T + n.global_mean)

    def phases(self, data):
        torch = _torch()
        p = self.params
        params = list(self.net.parameters())
        if p.sparse:
            from ..optim import embedding_adam

            optimizer = embedding_adam(params, lr=p.lr)
        else:
            optimizer = torch.optim.Adam(params, lr=p.lr)
        users, items, y = data.users, data.items, data.y
        reg, bias_reg, prior = float(p.reg), float(p.bias_reg), float(p.prior_reg)
        if prior:
            # A rating of user u carries 1/n_u of her vector's penalty: λ|p_u|² once per epoch.
            inv_u = 1.0 / torch.bincount(users, minlength=self.n_users).clamp(min=1).float()
            inv_i = 1.0 / torch.bincount(items, minlength=self.n_items).clamp(min=1).float()

        def step(idx):
            if idx is None:
                idx = torch.arange(len(y), device=y.device)
            u, i = users[idx], items[idx]
            pred, pu, qi, bu, bi = self.terms(u, i)
            err = pred - y[idx]
            sq = err * err
            if prior:
                vectors = prior * ((pu * pu).sum(1) * inv_u[u] + (qi * qi).sum(1) * inv_i[i]).mean()
            else:
                vectors = reg * ((pu * pu).sum(1) + (qi * qi).sum(1)).mean()
            penalty = vectors + bias_reg * (bu * bu + bi * bi).mean()
            return sq.mean() + penalty, sq.detach().sum(), None

        return [self.phase(data, step, [optimizer], threads=self.threads)]

    def explain(self, u: int, i: int) -> dict:
        ue, ie, ub, ib = (self.table(t) for t in ("user_emb", "item_emb", "user_bias", "item_bias"))
        mean = float(self.net.global_mean)
        b_u, b_i, dot = float(ub[u, 0]), float(ib[i, 0]), float(ue[u] @ ie[i])
        total = mean + b_u + b_i + dot
        from ..texts import Text

        lines = [Text("biases_dot", mean=mean, b_u=b_u, b_i=b_i, dot=dot, total=total)]
        return dict(mean=mean, b_u=b_u, b_i=b_i, dot=dot, score=total, lines=lines)
