"""SVD++ (``core/models/svdpp.py``): accuracy on synthetic data, the implicit term, cold start, restore."""

from __future__ import annotations

import numpy as np
import pytest

from solorec_gui.core.data import RatingMatrix
from solorec_gui.core.models import create, model_class, model_names

torch = pytest.importorskip("torch")
from solorec_gui.core.fit import fit  # noqa: E402

# Small and quick (the defaults are tuned for 100,000 ratings).
FAST = dict(dim=8, epochs=40, lr=0.02, batch_size=256, lr_decay=0.95, reg=0.02, implicit_reg=0.1)


def low_rank(n_users=80, n_items=50, density=0.3, seed=0, cold=False):
    """Ratings 1..5 from a rank-3 taste model on a random part of the cells; (matrix, train mask, test mask)."""
    rng = np.random.default_rng(seed)
    u, v = rng.normal(0, 0.7, (n_users, 3)), rng.normal(0, 0.7, (n_items, 3))
    truth = np.clip(3.0 + u @ v.T + rng.normal(0, 0.1, (n_users, n_items)), 1, 5)
    observed = rng.random(truth.shape) < density
    if cold:  # the last user and the last item have no rating at all
        observed[-1, :] = False
        observed[:, -1] = False
    values = np.where(observed, truth, np.nan)
    matrix = RatingMatrix([f"u{k}" for k in range(n_users)], [f"i{k}" for k in range(n_items)], values, (1.0, 5.0))
    test = observed & (rng.random(truth.shape) < 0.2)
    return matrix, observed & ~test, test


def restore_copy(model, state=None):
    fresh = create("svdpp", model.params)
    fresh.restore(model.net.state_dict() if state is None else state, n_users=model.n_users, n_items=model.n_items,
                  scale=model.scale, global_mean=model.global_mean, clip=model.clip,
                  cold_users=model.cold_users, cold_items=model.cold_items)
    return fresh


@pytest.fixture(scope="module")
def trained():
    matrix, train, test = low_rank()
    return matrix, train, test, fit(matrix, create("svdpp", **FAST), train_mask=train).model


def test_registered():
    assert "svdpp" in model_names()
    cls = model_class("svdpp")
    assert cls.large_data and cls.display_name == "SVD++ (large data)"


def test_beats_the_baseline_on_held_out_cells(trained):
    matrix, train, test, model = trained
    r, c = np.nonzero(test)
    truth = matrix.values[r, c]
    rmse = lambda m: float(np.sqrt(np.mean((m.predict_cells(r, c) - truth) ** 2)))  # noqa: E731
    baseline = fit(matrix, "baseline", train_mask=train).model
    assert rmse(model) < 0.85 * rmse(baseline), (rmse(model), rmse(baseline))


def test_prediction_is_the_formula_and_predict_all_matches_cell_by_cell(trained):
    matrix, train, _, model = trained
    p, q, y = (model.table(t) for t in ("user_emb", "item_emb", "implicit"))
    bu, bi = model.table("user_bias")[:, 0], model.table("item_bias")[:, 0]
    rated = train & matrix.known_mask
    implicit = np.stack([y[rated[u]].sum(0) / np.sqrt(rated[u].sum()) for u in range(matrix.n_users)])
    expected = np.clip(model.global_mean + bu[:, None] + bi[None, :] + (p + implicit) @ q.T, *model.clip)
    full = model.predict_matrix()
    np.testing.assert_allclose(full, expected, atol=1e-4)
    rows, cols = np.divmod(np.arange(full.size), full.shape[1])
    np.testing.assert_allclose(model.predict_cells(rows, cols).reshape(full.shape), full, atol=1e-5)
    terms = model.explain(3, 7)
    assert terms["n_rated"] == rated[3].sum()
    assert terms["score"] == pytest.approx(expected[3, 7], abs=1e-4)


def test_the_implicit_term_moves_a_users_predictions_when_she_rates_another_item(trained):
    """Same weights; one more item in user u's N(u): her predictions change, nobody else's."""
    matrix, train, _, model = trained
    u = 5
    j = int(np.nonzero(~train[u] & train.any(axis=0))[0][0])  # an item she has not rated, others have
    state = {k: v.clone() for k, v in model.net.state_dict().items()}
    state["rated"][u, j // 8] |= 1 << (7 - j % 8)
    before, after = model.predict_matrix(), restore_copy(model, state).predict_matrix()
    np.testing.assert_array_equal(np.delete(after, u, axis=0), np.delete(before, u, axis=0))
    assert np.abs(after[u] - before[u]).max() > 1e-3

    # End to end: the same run with one more training rating of hers gives her other predictions a new value.
    more = train.copy()
    more[u, j] = True
    values = matrix.values.copy()
    values[u, j] = 3.0
    retrained = fit(RatingMatrix(matrix.users, matrix.items, values, matrix.scale), create("svdpp", **FAST),
                    train_mask=more).model
    assert retrained.explain(u, 0)["n_rated"] == model.explain(u, 0)["n_rated"] + 1


def test_cold_users_and_items_get_finite_bias_only_predictions():
    matrix, train, _ = low_rank(cold=True, seed=1)
    model = fit(matrix, create("svdpp", **FAST), train_mask=train).model
    assert model.cold_users[-1] and model.cold_items[-1] and not model.cold_users[:-1].any()
    full = model.predict_matrix()
    assert np.isfinite(full).all()
    bu, bi = model.table("user_bias")[:, 0], model.table("item_bias")[:, 0]
    lo, hi = model.clip
    np.testing.assert_allclose(full[-1], np.clip(model.global_mean + bu[-1] + bi, lo, hi), atol=1e-5)
    np.testing.assert_allclose(full[:, -1], np.clip(model.global_mean + bu + bi[-1], lo, hi), atol=1e-5)
    assert bu[-1] == pytest.approx(bu[:-1].mean(), abs=1e-5)  # the warm mean
    cold_terms = model.explain(matrix.n_users - 1, 0)
    assert cold_terms["n_rated"] == 0 and cold_terms["implicit"] == 0.0 and cold_terms["dot"] == 0.0
    assert np.isfinite(model.embeddings()[0]).all()


def test_restore_from_the_state_dict_predicts_identically(trained):
    *_, model = trained
    fresh = restore_copy(model)
    np.testing.assert_array_equal(fresh.predict_matrix(), model.predict_matrix())
    rows, cols = np.arange(10), np.arange(9, -1, -1)
    np.testing.assert_array_equal(fresh.predict_cells(rows, cols), model.predict_cells(rows, cols))
    assert fresh.explain(2, 3) == model.explain(2, 3)
