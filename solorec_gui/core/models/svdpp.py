"""``svdpp``: SVD++ (Koren 2008), matrix factorisation with implicit feedback, for large sparse data.

``ŷ = μ + b_u + b_i + q_i · (p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j)`` where μ is the
training mean and N(u) the items user u rated in the training data: *which*
items a user chose to rate says something about their taste, whatever the
ratings were. Each item has a second vector y_j for that; a user's factor is
their own p_u plus the normalised sum of the y_j of what they rated.

The implicit terms of a mini-batch are one sparse product ``S @ Y`` for all
users (S: users × items, |N(u)|^-½ in the cells of N(u); the gradient is
``Sᵀ @ grad`` with a precomputed transpose) when the batch's users hold most
of the training ratings, as on MovieLens 100k, otherwise one
``embedding_bag`` (sum mode, per-sample weights |N(u)|^-½) over the N(u) of
the batch's distinct users only; the whole matrix is ``(P + S Y) Qᵀ`` plus
biases. N(u) is kept in the network as a bit mask (buffer ``rated``: users ×
⌈items/8⌉ bytes, a shape fixed by the matrix's size like every other weight),
so a model restored from its ``state_dict`` predicts exactly as the trained
one. A cold user (no training rating) has an empty N(u): its implicit term is
0 (its weight |N(u)|^-½ is stored as 0, never computed as 1/√0), and the
cold-start rule zeroes p_u, q_i, y_i and sets the biases to the warm mean, so
cold users and items are predicted from the biases alone. Predictions are
clipped to the range of the training ratings.

Training: shuffled mini-batches of ratings with Adam on
``MSE + reg·mean(|p_u|² + |q_i|²) + implicit_reg·mean(|y_i|²) +
bias_reg·mean(b_u² + b_i²)``, the means over the batch's ratings (``y_i`` of
the batch's items: an item rated often is in many N(u) and is regularised
often; a penalty on the y_j of each rating's N(u), |N(u)|^-½ Σ |y_j|², closer
to Koren's SGD, did no better on validation: 0.9106 against 0.9108), and the
learning rate multiplied by ``lr_decay`` after each epoch. One torch thread
(see ``mf_large``).

How the defaults were chosen: on MovieLens 100k fold u1, ``u1.base`` only
(never ``u1.test``): 10 % of its ratings held out (numpy ``default_rng(0)``
permutation of the known cells) as the validation set, training on the other
90 % (``bench/svdpp_vs_surprise.py --validation`` reruns the numbers below).
Coarse grids and a random search over dim 16–256, batch 1024–8192, lr
0.005–0.03, lr decay 1–0.8, reg 0.05–0.5, implicit_reg 0.1–30 and bias_reg
0–0.01, then a finer grid averaged over two seeds. With a constant learning
rate the validation error is lowest after 5–10 epochs and then wanders up; a
decay of 0.8 settles by epoch 15. dim 128 or 192 scored the same as 64
(±0.0005) at twice the cost. Validation RMSE with these defaults: 0.9096
(seeds 1–3: 0.9116, 0.9098, 0.9110); the same recipe without the implicit
term (implicit_reg 1000) 0.9154; ``mf-large``'s defaults 0.9196; Surprise's
``SVDpp()`` 0.9228. Embeddings start at std 0.01, biases at 0, as ``mf-large``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .base import GradientParams, Recommender, _torch, register, setting


@dataclass(frozen=True)
class SVDppParams(GradientParams):
    dim: int = setting(64, label="Embedding dim", minimum=1, maximum=4096)
    epochs: int = setting(15, label="Epochs", minimum=1, maximum=1_000_000)
    lr: float = setting(0.03, label="Learning rate", above=0.0, maximum=1e12, decimals=6)
    batch_size: int = setting(2048, label="Batch size", minimum=0, zero_means="full batch")
    reg: float = setting(0.125, label="L2 on p and q", minimum=0.0, decimals=6,
                         help="weight of mean(|p_u|² + |q_i|²) over each mini-batch")
    implicit_reg: float = setting(2.0, label="L2 on implicit vectors", minimum=0.0, decimals=6,
                                  help="weight of mean(|y_i|²) over each mini-batch's items")
    bias_reg: float = setting(0.001, label="L2 on biases", minimum=0.0, decimals=6,
                              help="weight of mean(b_u² + b_i²) over each mini-batch")
    lr_decay: float = setting(0.8, label="LR decay per epoch", above=0.0, maximum=1.0, decimals=4,
                              help="the learning rate is multiplied by this after every epoch (1 = constant)")


@register
class SVDpp(Recommender):
    name = "svdpp"
    display_name = "SVD++ (large data)"
    description = "SVD++ (Koren 2008): mean + biases + q_i·(p_u + |N(u)|^-½ Σ y_j over the items u rated)"
    Params = SVDppParams
    order = 45
    large_data = True
    user_tables = {"user_emb": "zero", "user_bias": "mean"}
    item_tables = {"item_emb": "zero", "item_bias": "mean", "implicit": "zero"}
    key_settings = ("dim", "epochs", "lr", "batch_size", "reg", "implicit_reg")
    #: One torch thread, as ``mf-large`` (a 2-core machine shared with other jobs).
    threads = 1

    # -- the network ------------------------------------------------------------------

    def build(self, data):
        torch = _torch()
        nn = torch.nn
        net = nn.Module()
        d = int(self.params.dim)
        net.user_emb = nn.Embedding(self.n_users, d)
        net.user_bias = nn.Embedding(self.n_users, 1)
        net.item_emb = nn.Embedding(self.n_items, d)
        net.item_bias = nn.Embedding(self.n_items, 1)
        net.implicit = nn.Embedding(self.n_items, d)
        for table in (net.user_emb, net.item_emb, net.implicit):
            nn.init.normal_(table.weight, std=0.01)
        nn.init.zeros_(net.user_bias.weight)
        nn.init.zeros_(net.item_bias.weight)
        net.register_buffer("global_mean", torch.tensor(float(self.global_mean)))
        rated = np.zeros((self.n_users, (self.n_items + 7) // 8), dtype=np.uint8)
        if data is not None:
            rated = _pack(np.asarray(data.rows, np.int64), np.asarray(data.cols, np.int64), self.n_users, self.n_items)
        net.register_buffer("rated", torch.from_numpy(rated))
        self._index = None
        return net

    def __getstate__(self):
        # The index is derived from ``net.rated`` (rebuilt on use), and sparse CSR tensors cannot be deep-copied.
        return {**self.__dict__, "_index": None}

    def _rated_index(self):
        """N(u) in the forms the computations need, derived from the ``rated`` buffer.

        (ptr, items, weight, S, Sᵀ): N(u) as CSR (``items[ptr[u]:ptr[u+1]]``),
        the weight |N(u)|^-½ per user (0 when N(u) is empty: no 1/0) and the
        users × items sparse matrix S with that weight in the cells of N(u)
        (and its transpose), so that all implicit terms are ``S @ Y``. Cached
        until the buffer changes (moved, or overwritten by ``load_state_dict``).
        """
        torch = _torch()
        rated = self.net.rated
        key = (rated.device, rated.data_ptr(), rated._version)
        if getattr(self, "_index", None) is None or self._index[0] != key:
            packed = rated.cpu().numpy()
            n_users, n_items = packed.shape[0], self.net.implicit.weight.shape[0]
            rows, cols = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
            step = max(1, (1 << 22) // max(1, n_items))
            for s in range(0, n_users, step):
                r, c = np.nonzero(np.unpackbits(packed[s : s + step], axis=1, count=n_items))
                rows.append(r + s)
                cols.append(c)
            rows, cols = np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64)
            counts = np.bincount(rows, minlength=n_users)
            weight = np.zeros(n_users, dtype=np.float32)
            weight[counts > 0] = counts[counts > 0].astype(np.float64) ** -0.5
            ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            order = np.lexsort((rows, cols))  # the transpose's CSR: by item, then user
            t_ptr = np.concatenate([[0], np.cumsum(np.bincount(cols, minlength=n_items))]).astype(np.int64)
            dev = rated.device

            def t(a):
                return torch.as_tensor(a, device=dev)

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "sparse CSR support is in beta state"
                s_mat = torch.sparse_csr_tensor(t(ptr), t(cols), t(weight[rows]), (n_users, n_items),
                                                check_invariants=False)
                s_t = torch.sparse_csr_tensor(t(t_ptr), t(rows[order]), t(weight[rows[order]]),
                                              (n_items, n_users), check_invariants=False)
            self._index = (key, t(ptr), t(cols), t(weight), s_mat, s_t)
        return self._index[1:]

    def implicit_terms(self, users=None):
        """|N(u)|^-½ Σ_{j∈N(u)} y_j for each of ``users`` (distinct indices; None = all): len(users) × dim.

        All users: one sparse product ``S @ Y`` (cost: every training rating ×
        dim). A few users: one ``embedding_bag`` over their N(u) only."""
        torch = _torch()
        ptr, items, weight, s_mat, s_t = self._rated_index()
        y = self.net.implicit.weight
        if users is None:
            return _sparse_product().apply(y, s_mat, s_t)
        start = ptr[users]
        lens = ptr[users + 1] - start
        offsets = torch.cumsum(lens, 0) - lens
        total = int(lens.sum())
        pos = torch.arange(total, device=ptr.device) + torch.repeat_interleave(start - offsets, lens, output_size=total)
        w = torch.repeat_interleave(weight[users], lens, output_size=total)
        return torch.nn.functional.embedding_bag(items[pos], y, offsets, mode="sum", per_sample_weights=w)

    def terms(self, users, items):
        torch = _torch()
        n = self.net
        distinct, inverse = torch.unique(users, return_inverse=True)
        ptr = self._rated_index()[0]
        # The batch's users' N(u) hold most of the ratings (the usual case: the
        # embedding bag costs ~2× per rating what the sparse product does): all users at once.
        if 2 * int((ptr[distinct + 1] - ptr[distinct]).sum()) > int(ptr[-1]):
            implicit = self.implicit_terms()[users]
        else:
            implicit = self.implicit_terms(distinct)[inverse]
        p = n.user_emb(users)
        q = n.item_emb(items)
        bu, bi = n.user_bias(users).squeeze(1), n.item_bias(items).squeeze(1)
        return n.global_mean + bu + bi + ((p + implicit) * q).sum(dim=1), p, q, bu, bi

    def forward(self, users, items):
        return self.terms(users, items)[0]

    def _clamp(self, pred):
        return pred.clamp(self.clip[0], self.clip[1])

    def user_factors(self):
        """p_u + |N(u)|^-½ Σ y_j for every user (users × dim): the vectors q_i is multiplied with."""
        torch = _torch()
        n = self.net
        with torch.no_grad():
            return n.user_emb.weight + self.implicit_terms()

    def predict_all(self):
        torch = _torch()
        n = self.net
        with torch.no_grad():
            scores = self.user_factors() @ n.item_emb.weight.T
            return self._clamp(scores + n.user_bias.weight + n.item_bias.weight.T + n.global_mean)

    # -- training ----------------------------------------------------------------------

    def phases(self, data):
        torch = _torch()
        p = self.params
        optimizer, decay = _adam(self.net.parameters(), float(p.lr), float(p.lr_decay), len(data.y), int(p.batch_size))
        users, items, y = data.users, data.items, data.y
        reg, implicit_reg, bias_reg = float(p.reg), float(p.implicit_reg), float(p.bias_reg)
        implicit = self.net.implicit

        def step(idx):
            decay()
            if idx is None:
                idx = torch.arange(len(y), device=y.device)
            u, i = users[idx], items[idx]
            pred, pu, qi, bu, bi = self.terms(u, i)
            err = pred - y[idx]
            sq = err * err
            yi = implicit(i)
            loss = (sq.mean() + reg * ((pu * pu).sum(1) + (qi * qi).sum(1)).mean()
                    + implicit_reg * (yi * yi).sum(1).mean() + bias_reg * (bu * bu + bi * bi).mean())
            return loss, sq.detach().sum(), None

        ph = self.phase(data, step, [optimizer], threads=self.threads)
        if optimizer.__class__.__name__ == "LeanAdam":
            ph.lr_decay = 1.0  # decayed in step (a torch.optim scheduler needs a torch.optim optimizer)
        return [ph]

    # -- fold-in --------------------------------------------------------------------------

    def extend(self, axis, ratings):
        """Grow the tables (the base's rule) and N(u): a new user's N(u) is the items she rated; a new
        item joins no existing user's N(u) (that would move their predictions)."""
        super().extend(axis, ratings)
        torch = _torch()
        rated = self.net.rated
        n_items = self.net.implicit.weight.shape[0]
        if axis == "users":
            cols = [np.asarray(r[0], dtype=np.int64) for r in ratings]
            rows = np.concatenate([np.full(len(c), k, dtype=np.int64) for k, c in enumerate(cols)])
            new = _pack(rows, np.concatenate(cols), len(ratings), n_items)
            self.net.rated = torch.cat([rated, torch.from_numpy(new).to(rated.device)])
        else:
            self.net.rated = torch.nn.functional.pad(rated, (0, (n_items + 7) // 8 - rated.shape[1]))

    # -- what the window shows ------------------------------------------------------------

    def embeddings(self):
        """(user factors p_u + implicit term, item vectors q_i): what the dot product uses."""
        return self.user_factors().double().cpu().numpy(), self.table("item_emb")

    def explain(self, u: int, i: int) -> dict:
        torch = _torch()
        ue, ie, ub, ib = (self.table(t) for t in ("user_emb", "item_emb", "user_bias", "item_bias"))
        with torch.no_grad():
            imp = self.implicit_terms(torch.tensor([u], device=self.net.rated.device))[0].double().cpu().numpy()
        ptr = self._rated_index()[0]
        n_rated = int(ptr[u + 1] - ptr[u])
        mean = float(self.net.global_mean)
        b_u, b_i = float(ub[u, 0]), float(ib[i, 0])
        dot, implicit = float(ue[u] @ ie[i]), float(imp @ ie[i])
        total = mean + b_u + b_i + dot + implicit
        from ..texts import Text

        lines = [
            Text("svdpp", mean=mean, b_u=b_u, b_i=b_i, dot=dot, implicit=implicit, total=total),
            Text("svdpp_implicit", n=n_rated),
        ]
        return dict(mean=mean, b_u=b_u, b_i=b_i, dot=dot, implicit=implicit, n_rated=n_rated, score=total, lines=lines)


def _adam(params, lr: float, lr_decay: float, n: int, batch_size: int):
    """(optimizer, decay): Adam for the training phase, and a function each step calls first.

    On the CPU, SoloRec's :class:`~..optim.LeanAdam` (torch's Adam arithmetic, bit for bit, without the ~1 s
    import of ``torch._dynamo`` that the first ``torch.optim`` optimizer of a process costs), its learning
    rate multiplied by ``lr_decay`` at the start of each epoch after the first, exactly as the fit loop's
    ``ExponentialLR`` would; elsewhere ``torch.optim.Adam`` with the loop's scheduler (decay does nothing)."""
    from ..optim import LeanAdam

    params = list(params)
    if not all(p.device.type == "cpu" and not p.is_sparse for p in params):
        return _torch().optim.Adam(params, lr=lr), lambda: None
    optimizer = LeanAdam(params, lr=lr)
    per_epoch = 1 if batch_size <= 0 or batch_size >= n else -(-n // batch_size)
    calls = [0]

    def decay() -> None:
        if lr_decay != 1.0 and calls[0] and calls[0] % per_epoch == 0:
            for group in optimizer.param_groups:
                group["lr"] = group["lr"] * lr_decay
        calls[0] += 1

    return optimizer, decay


def _pack(rows: np.ndarray, cols: np.ndarray, n_users: int, n_items: int) -> np.ndarray:
    """The bit mask of the cells (rows[k], cols[k]): users × ⌈items/8⌉ bytes, ``np.packbits`` order."""
    n_bytes = (n_items + 7) // 8
    flat = np.unique(rows * n_items + cols)  # a cell listed twice is one bit
    rows, cols = flat // n_items, flat % n_items
    bits = np.left_shift(1, 7 - (cols & 7)).astype(np.float64)
    packed = np.bincount(rows * n_bytes + (cols >> 3), weights=bits, minlength=n_users * n_bytes)
    return packed.astype(np.uint8).reshape(n_users, n_bytes)


_SPARSE_PRODUCT = None


def _sparse_product():
    """``S @ Y`` with the gradient ``Sᵀ @ grad`` from the precomputed transpose (CSR × dense both ways)."""
    global _SPARSE_PRODUCT
    if _SPARSE_PRODUCT is None:
        torch = _torch()

        class SparseProduct(torch.autograd.Function):
            @staticmethod
            def forward(ctx, y, s_mat, s_t):
                ctx.s_t = s_t
                return s_mat @ y

            @staticmethod
            def backward(ctx, grad):
                return ctx.s_t @ grad, None, None

        _SPARSE_PRODUCT = SparseProduct
    return _SPARSE_PRODUCT
