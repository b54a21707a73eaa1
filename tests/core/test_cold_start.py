"""Cold start: users/items with no training rating predict from biases only, for every registered model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from solorec_gui.core.data import parse_ratings, read_ratings
from solorec_gui.core.eval import evaluate
from solorec_gui.core.fit import fit
from solorec_gui.core.models import TrainSpec, model_class, model_names

SOLO = Path(__file__).resolve().parents[2] / "resources" / "solo.csv"
#: Models that predict ratings (rankers such as popularity score items for top-N lists instead).
RATING_MODELS = [name for name in model_names() if model_class(name).rates]


@pytest.fixture(scope="module")
def solo():
    return read_ratings(SOLO)


def _hide(matrix, users=(), items=()):
    keep = np.ones(matrix.shape, dtype=bool)
    for user in users:
        keep[user, :] = False
    for item in items:
        keep[:, item] = False
    return keep


@pytest.mark.parametrize("kind", ["mf", "nn", "baseline"])
def test_cold_rows_are_flagged_and_neutral(solo, kind):
    train = _hide(solo, users=[2], items=[5])
    result = fit(solo, TrainSpec(kind).with_params(epochs=30), train_mask=train)
    assert result.cold_users.tolist() == [u == 2 for u in range(solo.n_users)]
    assert result.cold_items.tolist() == [i == 5 for i in range(solo.n_items)]
    net = result.model.net
    if hasattr(net, "user_emb"):
        assert torch.count_nonzero(net.user_emb.weight[2]) == 0
        assert torch.count_nonzero(net.item_emb.weight[5]) == 0
    warm_u = [u for u in range(solo.n_users) if u != 2]
    warm_i = [i for i in range(solo.n_items) if i != 5]
    user_bias, item_bias = net.user_bias.weight.detach(), net.item_bias.weight.detach()
    assert float(user_bias[2, 0]) == pytest.approx(float(user_bias[warm_u, 0].mean()), abs=1e-6)
    assert float(item_bias[5, 0]) == pytest.approx(float(item_bias[warm_i, 0].mean()), abs=1e-6)
    pred = result.predict_matrix()
    assert np.isfinite(pred).all()


def test_mf_cold_user_prediction_is_bias_only(solo):
    result = fit(solo, TrainSpec().with_params(epochs=50), train_mask=_hide(solo, users=[0]))
    net = result.model.net
    pred = result.predict_matrix()
    b_u = float(net.user_bias.weight.detach()[0, 0])
    for i in range(solo.n_items):
        expected = 5.0 / (1.0 + np.exp(-(b_u + float(net.item_bias.weight.detach()[i, 0]))))
        assert pred[0, i] == pytest.approx(expected, abs=1e-5)


def test_all_warm_changes_nothing(solo):
    """Every user and item of solo.csv has a rating: the lecture's run is untouched."""
    result = fit(solo, TrainSpec().with_params(epochs=5))
    assert not result.cold_users.any() and not result.cold_items.any()


# -- the rule holds for every registered model ----------------------------------------


@pytest.mark.parametrize("name", model_names())
def test_every_model_predicts_cold_users_and_items_without_personal_information(solo, name, quick_spec):
    """Users 2 and 6 and items 1 and 5 have no training rating: the predictions are finite and on the
    scale, the flags are set, and two cold users (two cold items) get the same predictions: a cold row
    carries no information of its own."""
    cold_users, cold_items = (2, 6), (1, 5)
    result = fit(solo, quick_spec(name, epochs=10), train_mask=_hide(solo, users=cold_users, items=cold_items))
    assert result.cold_users.tolist() == [u in cold_users for u in range(solo.n_users)]
    assert result.cold_items.tolist() == [i in cold_items for i in range(solo.n_items)]
    pred = result.predict_matrix()
    assert pred.shape == solo.shape and np.isfinite(pred).all()
    if model_class(name).rates:  # a ranker's scores are not ratings
        assert pred.min() >= solo.scale[0] and pred.max() <= solo.scale[1]
    np.testing.assert_allclose(pred[2], pred[6], rtol=0, atol=1e-6)
    np.testing.assert_allclose(pred[:, 1], pred[:, 5], rtol=0, atol=1e-6)
    # Cell by cell agrees with the whole matrix for the cold rows too.
    rows, cols = np.array([2, 2, 6, 0, 4]), np.array([1, 3, 5, 1, 5])
    np.testing.assert_allclose(result.model.predict_cells(rows, cols), pred[rows, cols], rtol=0, atol=1e-5)


TRAIN_LONG = "1\t1\t5\n1\t2\t3\n2\t1\t4\n2\t3\t1\n3\t2\t2\n3\t3\t5\n"
TEST_LONG = "1\t3\t4\n2\t2\t3\n4\t1\t2\n3\t10\t1\n5\t2\t4\n"


@pytest.mark.parametrize("name", RATING_MODELS)
def test_evaluate_counts_the_same_cold_cells_for_every_model(name, quick_spec):
    """A test file with users (4, 5) and an item (10) the training file does not have: 3 cold cells,
    whatever the model (every model that predicts ratings: evaluate measures RMSE)."""
    train, test = parse_ratings(TRAIN_LONG), parse_ratings(TEST_LONG)
    result = evaluate(train, quick_spec(name), test=test)
    assert result.method == "test" and result.n_test == 5 and result.n_train == 6
    assert result.n_cold == 3
    assert result.folds[0].n_cold == 3
    assert np.isfinite(result.rmse) and np.isfinite(result.mae)
    assert result.last_fit.cold_users.tolist() == [False, False, False, True, True]
    assert result.last_fit.cold_items.tolist() == [False, False, False, True]
