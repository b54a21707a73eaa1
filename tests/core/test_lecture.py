"""The lecture's numbers, reproduced (issue 2 §3–4, issue 10).

Reference numbers are the tensors printed in the lecture's text
(/work/shared/lecture/000_2484e0e3a34aa11e.txt): MF's ``[::4]`` table (section 2B)
and the NN's ``[::5]`` table (section 4A, 풀이2).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from solorec_gui.core.data import read_ratings
from solorec_gui.core.fit import fit
from solorec_gui.core.models import TrainSpec, create

# The lecture printed torch.concat([yhat, y], axis=1)[::4] after its MF loop.
LECTURE_TABLE = [
    (4.1083, 4.02), (0.9388, 1.12), (4.0483, 3.99), (0.9707, 0.96),
    (4.2264, 4.05), (0.9518, 0.99), (0.5124, 0.56), (1.1198, 1.12),
    (4.0588, 4.16), (1.0596, 1.05), (3.9666, 3.78), (0.9472, 0.88),
    (3.9194, 4.04), (1.0346, 1.03), (4.8851, 4.85), (4.5387, 4.39),
]  # fmt: skip

# The lecture's NN (풀이2: 6 → 15 → 15 → 1, seed 43052, Adam lr 0.1, 1000 epochs) printed
# torch.concat([yhat.data, y], axis=1)[::5].
LECTURE_NN_TABLE = [
    (4.0304, 4.02), (0.4593, 0.43), (3.4378, 3.43), (3.4342, 3.42),
    (1.0066, 0.99), (0.5503, 0.52), (0.4410, 0.43), (0.9358, 0.94),
    (3.8641, 3.78), (0.9078, 0.89), (0.4841, 0.48), (3.8569, 3.82),
    (4.4065, 4.39),
]  # fmt: skip
#: How close our NN fit is to the lecture's printed one. Measured on torch 2.13 CPU:
#: the largest difference is 0.0339 (the 13th row: 4.4404 vs 4.4065; then 4.0371 vs 4.0304,
#: 0.4473 vs 0.4593, ...). The rest is torch-version arithmetic, not the model: our fit
#: is bit-for-bit the lecture's own loop run here (test_nn_is_the_lectures_loop).
NN_TABLE_TOLERANCE = 0.035


def _built(name: str, n_users: int, n_items: int, seed: int = 43052, **params):
    """A model with its network created (as fit does, right after the seed) but not trained."""
    model = create(name, **params)
    model.prepare(n_users, n_items, (0.0, 5.0), 2.5, (0.0, 5.0))
    torch.manual_seed(seed)
    model.net = model.build(None)
    return model


def test_embedding_is_one_hot_times_bias_free_linear():
    """Lesson 1: Embedding(n, d)(x) == one_hot(x) @ W, i.e. Linear(n, d, bias=False) with weight Wᵀ."""
    torch.manual_seed(0)
    emb = torch.nn.Embedding(9, 2)
    linear = torch.nn.Linear(9, 2, bias=False)
    with torch.no_grad():
        linear.weight.copy_(emb.weight.T)
    x = torch.tensor([0, 3, 3, 8, 1])
    one_hot = torch.nn.functional.one_hot(x, num_classes=9).float()
    assert torch.equal(emb(x), linear(one_hot))
    # and the gradient flows to the same rows: only the looked-up rows change
    emb(x).sum().backward()
    touched = emb.weight.grad.abs().sum(dim=1) > 0
    assert touched.tolist() == [i in {0, 1, 3, 8} for i in range(9)]


def test_mf_reproduces_the_lecture_table(solo_path):
    matrix = read_ratings(solo_path)
    result = fit(matrix, TrainSpec())  # defaults are the lecture's
    _, _, ratings = matrix.known_cells()
    assert len(ratings) == 63
    got = np.column_stack([result.fitted, ratings])[::4]
    np.testing.assert_allclose(got, np.array(LECTURE_TABLE), atol=5e-5)
    assert len(result.history) == 100


def test_lecture_yhat_is_the_model_before_its_last_step(solo_path):
    """The lecture printed yhat from its 100th forward pass, i.e. the weights after 99 updates."""
    matrix = read_ratings(solo_path)
    after_99 = fit(matrix, TrainSpec().with_params(epochs=99)).predict_matrix()
    rows, cols, _ = matrix.known_cells()
    np.testing.assert_allclose(after_99[rows, cols][::4], [p for p, _ in LECTURE_TABLE], atol=5e-5)


def test_mf_module_layout_is_the_lectures():
    model = _built("mf", 9, 8, dim=2)
    shapes = [(name, tuple(p.shape)) for name, p in model.net.named_parameters()]
    assert shapes == [
        ("user_emb.weight", (9, 2)),
        ("user_bias.weight", (9, 1)),
        ("item_emb.weight", (8, 2)),
        ("item_bias.weight", (8, 1)),
    ]
    # The prediction is sigmoid(u·v + b_u + b_i) * 5, by hand:
    net = model.net
    u, i = torch.tensor([2]), torch.tensor([5])
    by_hand = torch.sigmoid(
        (net.user_emb.weight[2] * net.item_emb.weight[5]).sum()
        + net.user_bias.weight[2, 0]
        + net.item_bias.weight[5, 0]
    ) * 5
    assert torch.allclose(model.forward(u, i), by_hand)


def test_nn_module_layout_is_the_lectures():
    """Issue 10: the layers are created in the order of the lecture's Net.__init__ (ebdd1, ebdd2, b1, b2, mlp),
    not MF's, so that the seed gives the lecture's starting weights."""
    model = _built("nn", 9, 8, dim=2)
    assert [name for name, _ in model.net.named_parameters()] == [
        "user_emb.weight", "item_emb.weight", "user_bias.weight", "item_bias.weight",
        "mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias", "mlp.4.weight", "mlp.4.bias",
    ]  # fmt: skip
    linears = [m for m in model.net.mlp if isinstance(m, torch.nn.Linear)]
    assert [(m.in_features, m.out_features) for m in linears] == [(6, 15), (15, 15), (15, 1)]
    assert sum(isinstance(m, torch.nn.ReLU) for m in model.net.mlp) == 2
    out = model.forward(torch.arange(9), torch.arange(8).repeat(2)[:9])
    assert ((out > 0) & (out < 5)).all()


def test_nn_fits_the_training_cells_very_well(solo_path):
    """Lecture: the NN 'fits very well' (1000 epochs, lr 0.1); checked on other seeds too.

    Which weights a seed gives depends on the order the layers are created in; since issue 10
    that is the lecture's order, so seeds other than 43052 follow other runs than before
    (training MSE for seeds 0-3: 0.0085, 0.0014, 0.0196, 0.0013, where MF's order gave all
    four below 0.01). The claim holds for every seed as a share of the ratings' variance: the
    NN explains more than 99 % of it, and three of the four seeds end below MSE 0.01.
    """
    matrix = read_ratings(solo_path)
    rows, cols, ratings = matrix.known_cells()
    mses = []
    for seed in (0, 1, 2, 3):
        result = fit(matrix, TrainSpec("nn").with_params(epochs=1000, seed=seed))
        pred = result.predict_matrix()
        mse = float(np.mean((pred[rows, cols] - ratings) ** 2))
        assert mse < 0.01 * float(np.var(ratings)), (seed, mse)
        mses.append(mse)
    assert sum(m < 0.01 for m in mses) >= 3, mses


class _LectureNet(torch.nn.Module):
    """The lecture's NN (풀이2), as its text defines it."""

    def __init__(self):
        super().__init__()
        self.ebdd1 = torch.nn.Embedding(9, 2)
        self.ebdd2 = torch.nn.Embedding(8, 2)
        self.b1 = torch.nn.Embedding(9, 1)
        self.b2 = torch.nn.Embedding(8, 1)
        self.mlp = torch.nn.Sequential(
            torch.nn.Linear(6, 15), torch.nn.ReLU(), torch.nn.Linear(15, 15), torch.nn.ReLU(),
            torch.nn.Linear(15, 1), torch.nn.Sigmoid(),
        )  # fmt: skip

    def forward(self, x1, x2):
        z = torch.concat([self.ebdd1(x1), self.ebdd2(x2), self.b1(x1), self.b2(x2)], axis=1)
        return self.mlp(z) * 5


def test_nn_is_the_lectures_loop(solo_path):
    """fit('nn') with its defaults is the lecture's own loop: same start, same steps, same yhat."""
    matrix = read_ratings(solo_path)
    rows, cols, vals = matrix.known_cells()
    x1, x2 = torch.tensor(rows), torch.tensor(cols)
    y = torch.tensor(vals).float().reshape(-1, 1)
    before = torch.get_num_threads()
    torch.set_num_threads(1)  # as fit does for a small problem
    try:
        torch.manual_seed(43052)
        net = _LectureNet()
        loss_fn = torch.nn.MSELoss()
        optimizer = torch.optim.Adam(net.parameters(), lr=0.1)
        for _ in range(1000):
            yhat = net(x1, x2)
            loss = loss_fn(yhat, y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    finally:
        torch.set_num_threads(before)
    result = fit(matrix, "nn")
    assert len(result.history) == 1000  # the NN's own default
    np.testing.assert_allclose(result.fitted, yhat.detach().double().numpy().ravel(), rtol=0, atol=1e-6)
    assert result.history[-1] == pytest.approx(float(loss.detach()), rel=1e-5)


def test_nn_with_the_lecture_seed_reproduces_the_lecture_fit(solo_path):
    """Issue 10: seed 43052, 1000 full-batch epochs: final train MSE below 0.001 and the fitted
    values match the lecture's printed [::5] table within NN_TABLE_TOLERANCE."""
    matrix = read_ratings(solo_path)
    nn = fit(matrix, TrainSpec("nn"))
    _, _, ratings = matrix.known_cells()
    assert nn.history[-1] < 0.001
    assert nn.train_mse < 0.001
    got = np.column_stack([nn.fitted, ratings])[::5]
    assert got.shape == (13, 2)
    np.testing.assert_array_equal(got[:, 1], np.array(LECTURE_NN_TABLE)[:, 1])
    np.testing.assert_allclose(got[:, 0], np.array(LECTURE_NN_TABLE)[:, 0], rtol=0, atol=NN_TABLE_TOLERANCE)
    assert np.isfinite(nn.predict_matrix()).all()
    mf = fit(matrix, TrainSpec())
    assert mf.history[-1] < 0.01
