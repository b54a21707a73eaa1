"""Fold-in: predictions for users and items a trained model has not seen, without retraining.

The contract (issue 12): only the newcomers' own parameters are fitted, everything the model already
has stays as trained (existing predictions do not move), a newcomer starts from the cold-start rule,
and it works for every registered model.
"""

from __future__ import annotations

import numpy as np
import pytest

from solorec_gui.core.data import RatingMatrix
from solorec_gui.core.models import model_names

torch = pytest.importorskip("torch")
from solorec_gui.core.fit import fit  # noqa: E402

FAST = {"epochs": 30}


def _synthetic(seed=0, n_users=30, n_items=20, density=0.6):
    """Ratings from a rank-2 taste model on 1..5, so a user's ratings say something about her other items."""
    rng = np.random.default_rng(seed)
    p, q = rng.normal(size=(n_users, 2)), rng.normal(size=(n_items, 2))
    values = np.clip(3 + 1.2 * p @ q.T + rng.normal(scale=0.3, size=(n_users, n_items)), 1, 5).round(1)
    values[rng.random(values.shape) > density] = np.nan
    return RatingMatrix([f"u{k}" for k in range(n_users)], [f"i{k}" for k in range(n_items)], values, (1.0, 5.0))


def _spec(name):
    from solorec_gui.core.models import TrainSpec, model_class

    params = model_class(name).Params()
    changes = {k: v for k, v in FAST.items() if hasattr(params, k)}
    if name == "mf+autorec":
        return TrainSpec(name, params.replace(mf=params.mf.replace(epochs=20), autorec=params.autorec.replace(epochs=20)))
    return TrainSpec(name, params.replace(**changes) if changes else params)


@pytest.mark.parametrize("name", model_names())
def test_fold_in_a_user_leaves_the_others_as_trained_and_fits_her(name):
    m = _synthetic()
    sub = RatingMatrix(m.users[:-1], m.items, m.values[:-1], m.scale)
    result = fit(sub, _spec(name))
    model = result.model
    before = model.predict_matrix()
    known = np.nonzero(m.known_mask[-1])[0]
    cold_row = None
    new = model.fold_in("users", [(known, m.values[-1, known])])
    after = model.predict_matrix()
    assert list(new) == [sub.n_users] and after.shape == (m.n_users, m.n_items)
    np.testing.assert_allclose(after[:-1], before, atol=1e-6)  # nobody else moved
    assert np.isfinite(after).all() and not model.cold_users[-1]
    # She is fitted: closer to her own ratings than the cold-start prediction (the mean user) is.
    cold_model = fit(sub, _spec(name)).model
    cold_model.fold_in("users", [(np.array([], dtype=np.int64), np.array([]))])
    cold_row = cold_model.predict_matrix()[-1]
    assert cold_model.cold_users[-1]
    if model.rates:
        err_fold = np.abs(after[-1, known] - m.values[-1, known]).mean()
        err_cold = np.abs(cold_row[known] - m.values[-1, known]).mean()
        assert err_fold < err_cold
    elif not np.allclose(before, before[0]):  # a personalised ranker: her scores come from her ratings
        assert not np.allclose(after[-1], cold_row)


@pytest.mark.parametrize("name", model_names())
def test_fold_in_an_item(name):
    m = _synthetic(seed=1)
    sub = RatingMatrix(m.users, m.items[:-1], m.values[:, :-1], m.scale)
    model = fit(sub, _spec(name)).model
    before = model.predict_matrix()
    raters = np.nonzero(m.known_mask[:, -1])[0]
    new = model.fold_in("items", [(raters, m.values[raters, -1])])
    after = model.predict_matrix()
    assert list(new) == [sub.n_items]
    np.testing.assert_allclose(after[:, :-1], before, atol=1e-6)
    assert np.isfinite(after[:, -1]).all()


def test_fold_in_predicts_held_out_ratings_nearly_as_well_as_a_retrain():
    """A user folded in from 80 % of her ratings predicts the other 20 % about as well as a full retrain."""
    m = _synthetic(seed=2, n_users=60, n_items=30, density=0.7)
    rng = np.random.default_rng(0)
    newcomers = np.arange(50, 60)
    train_part, test_cells = {}, []
    full_mask = m.known_mask.copy()
    for u in newcomers:
        items = np.nonzero(m.known_mask[u])[0]
        rng.shuffle(items)
        cut = int(round(0.8 * len(items)))
        train_part[u] = np.sort(items[:cut])
        for i in items[cut:]:
            test_cells.append((u, i))
            full_mask[u, i] = False
    rows = np.array([c[0] for c in test_cells])
    cols = np.array([c[1] for c in test_cells])
    truth = m.values[rows, cols]
    retrain = fit(m, "mf", train_mask=full_mask).model.predict_cells(rows, cols)
    base = RatingMatrix(m.users[:50], m.items, m.values[:50], m.scale)
    model = fit(base, "mf").model
    model.fold_in("users", [(train_part[u], m.values[u, train_part[u]]) for u in newcomers])
    folded = model.predict_cells(rows, cols)
    rmse = lambda p: float(np.sqrt(np.mean((p - truth) ** 2)))  # noqa: E731
    assert rmse(folded) <= 1.15 * rmse(retrain), (rmse(folded), rmse(retrain))


def test_fold_in_refuses_indices_outside_the_model():
    m = _synthetic()
    model = fit(m, _spec("mf")).model
    from solorec_gui.core.errors import ConfigError

    with pytest.raises(ConfigError, match="within the model"):
        model.fold_in("users", [(np.array([m.n_items]), np.array([3.0]))])
    with pytest.raises(ValueError):
        model.fold_in("rows", [])
