"""Top-N lists and ranking metrics (issue 12's protocol), EASE and popularity as models."""

from __future__ import annotations

import math

import numpy as np
import pytest

from solorec_gui.core.errors import ConfigError
from solorec_gui.core.eval.ranking import default_relevant, ranking_metrics, top_n


def test_top_n_skips_rated_items_and_breaks_ties_by_index():
    scores = np.array([[0.9, 0.5, 0.5, 0.1, 0.5]])
    exclude = np.array([[True, False, False, False, False]])
    assert top_n(scores, exclude, 3)[0].tolist() == [1, 2, 4]
    assert top_n(scores, exclude, 10)[0].tolist() == [1, 2, 4, 3]  # fewer when fewer remain
    with pytest.raises(ConfigError):
        top_n(scores, exclude, 0)


def test_metrics_by_hand():
    # One user, 6 items; she rated item 0 in training. Test: items 1 (5), 2 (2), 4 (4).
    scores = np.array([[9, 8, 7, 6, 5, 4.0]])
    train = np.array([[True, False, False, False, False, False]])
    test = np.full((1, 6), np.nan)
    test[0, [1, 2, 4]] = [5, 2, 4]
    r = ranking_metrics(scores, train, test, k=3, relevant=4, scale=(1, 5))
    # list = [1, 2, 3]; relevant = {1, 4}; hits at rank 1 only
    assert r.precision == pytest.approx(1 / 3)
    assert r.recall == pytest.approx(1 / 2)
    assert r.ndcg == pytest.approx(1.0 / (1.0 + 1.0 / math.log2(3)))
    assert r.map == pytest.approx(1.0 / 2)
    assert r.hit_rate == 1.0 and r.n_users == 1
    assert r.coverage == pytest.approx(3 / 6)


def test_users_without_relevant_items_are_skipped_and_bad_settings_refused():
    scores = np.random.default_rng(0).random((3, 5))
    train = np.zeros((3, 5), bool)
    test = np.full((3, 5), np.nan)
    test[0, 1] = 5
    test[1, 2] = 1  # nothing relevant: skipped
    assert ranking_metrics(scores, train, test, k=2, scale=(1, 5)).n_users == 1
    with pytest.raises(ConfigError, match="larger than the number of items"):
        ranking_metrics(scores, train, test, k=6, scale=(1, 5))
    with pytest.raises(ConfigError, match="outside the rating scale"):
        ranking_metrics(scores, train, test, k=2, relevant=7, scale=(1, 5))


def test_default_relevant_is_4_on_1_to_5():
    assert default_relevant((1, 5)) == 4.0


def test_ease_and_popularity_rank_better_than_chance_and_are_rankers(tmp_path):
    pytest.importorskip("torch")
    from solorec_gui.core.data import RatingMatrix
    from solorec_gui.core.fit import fit

    rng = np.random.default_rng(0)
    # Two taste groups: users 0-19 like items 0-9, users 20-39 like items 10-19.
    values = np.full((40, 20), np.nan)
    for u in range(40):
        liked = np.arange(10) + (0 if u < 20 else 10)
        for i in rng.choice(liked, 6, replace=False):
            values[u, i] = 5.0
    m = RatingMatrix([f"u{k}" for k in range(40)], [f"i{k}" for k in range(20)], values, (1.0, 5.0))
    for name in ("ease", "popularity"):
        result = fit(m, name)
        assert result.warning is None and math.isnan(result.train_mse)
        assert not result.model.rates
    scores = fit(m, "ease").model.predict_matrix()
    lists = top_n(scores, m.known_mask, 3)
    own = [all((i < 10) == (u < 20) for i in lst) for u, lst in enumerate(lists)]
    assert all(own)  # EASE recommends from the user's own group
