"""Cold start: users/items with no training rating predict from biases only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from solorec_gui.core.data import read_ratings
from solorec_gui.core.training import TrainConfig, fit

SOLO = Path(__file__).resolve().parents[2] / "resources" / "solo.csv"


@pytest.fixture(scope="module")
def solo():
    return read_ratings(SOLO)


def _hide(matrix, user=None, item=None):
    keep = np.ones(matrix.shape, dtype=bool)
    if user is not None:
        keep[user, :] = False
    if item is not None:
        keep[:, item] = False
    return keep


@pytest.mark.parametrize("kind", ["mf", "nn", "baseline"])
def test_cold_rows_are_flagged_and_neutral(solo, kind):
    train = _hide(solo, user=2, item=5)
    result = fit(solo, TrainConfig(model=kind, epochs=30), train_mask=train)
    assert result.cold_users.tolist() == [u == 2 for u in range(solo.n_users)]
    assert result.cold_items.tolist() == [i == 5 for i in range(solo.n_items)]
    model = result.model
    if hasattr(model, "user_emb"):
        assert torch.count_nonzero(model.user_emb.weight[2]) == 0
        assert torch.count_nonzero(model.item_emb.weight[5]) == 0
    warm_u = [u for u in range(solo.n_users) if u != 2]
    warm_i = [i for i in range(solo.n_items) if i != 5]
    assert float(model.user_bias.weight.detach()[2, 0]) == pytest.approx(float(model.user_bias.weight.detach()[warm_u, 0].mean()), abs=1e-6)
    assert float(model.item_bias.weight.detach()[5, 0]) == pytest.approx(float(model.item_bias.weight.detach()[warm_i, 0].mean()), abs=1e-6)
    pred = result.predict_matrix()
    assert np.isfinite(pred).all()


def test_mf_cold_user_prediction_is_bias_only(solo):
    result = fit(solo, TrainConfig(epochs=50), train_mask=_hide(solo, user=0))
    model = result.model
    pred = result.predict_matrix()
    b_u = float(model.user_bias.weight.detach()[0, 0])
    for i in range(solo.n_items):
        expected = 5.0 / (1.0 + np.exp(-(b_u + float(model.item_bias.weight.detach()[i, 0]))))
        assert pred[0, i] == pytest.approx(expected, abs=1e-5)


def test_all_warm_changes_nothing(solo):
    """Every user and item of solo.csv has a rating: the lecture's run is untouched."""
    result = fit(solo, TrainConfig(epochs=5))
    assert not result.cold_users.any() and not result.cold_items.any()
