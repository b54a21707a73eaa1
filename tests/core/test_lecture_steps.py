"""The lecture's steps run with SoloRec's engine and checked against the lecture's printed numbers.

The checks are computed by comparing runs with the printed tables (core/lecture.py), never hard-coded:
these tests also break a step on purpose to show the check can fail.
"""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from solorec_gui.core import lecture  # noqa: E402
from solorec_gui.core.errors import InputError  # noqa: E402


def test_step1_embedding_is_one_hot_times_linear_and_matches_the_print():
    r = lecture.run_step(1)
    assert r.check == "exact" and r.matches
    np.testing.assert_array_equal(r.arrays["linear"], r.arrays["embedding"])
    np.testing.assert_allclose(r.arrays["linear"][:, 0], lecture.EMBEDDING_PRINTED, atol=0.5e-4)
    assert r.arrays["one_hot"].shape == (5, 3) and r.arrays["one_hot"].sum() == 5
    # Without one-hot, the first name (index 0) always gets 0: one weight for all names.
    assert np.all(r.arrays["without_one_hot"][r.arrays["index"] == 0] == 0)


def test_step1_with_other_names_or_dim_still_shows_the_identity_but_nothing_to_compare():
    r = lecture.embedding_step(("a", "b", "c", "d", "a"), dim=3)
    assert r.arrays["one_hot"].shape == (5, 4) and r.arrays["embedding"].shape == (5, 3)
    assert r.matches and r.check == "behaviour" and all(row.lecture is None for row in r.rows)


def test_step2_mf_matches_the_printed_table_to_4_decimals():
    r = lecture.run_step("mf_tensors")
    assert r.check == "exact" and r.matches and len(r.rows) == 16
    assert r.max_diff <= 0.5e-4 + 1e-9
    assert len(r.history) == 100


def test_step3_the_module_class_equals_step2():
    r = lecture.run_step(3)
    assert r.matches and r.numbers["max_diff_vs_step2"] == 0.0


def test_step4_the_shallow_nn_does_not_fit():
    r = lecture.run_step(4)
    assert r.matches
    assert r.numbers["loss"] > 0.5 * r.numbers["variance"]


def test_step5_the_deep_nn_fits_and_follows_the_lecture_within_tolerance():
    r = lecture.run_step(5)
    assert r.matches and r.numbers["loss"] < 0.001
    assert r.max_diff <= lecture.NN_TOLERANCE


def test_step6_answers_the_overfitting_question_with_measured_numbers():
    r = lecture.run_step(6)
    assert r.matches and r.numbers["val_loss"] > 10 * r.numbers["train_loss"]
    assert len(r.val_history) == len(r.history) == 1000


def test_a_broken_step_is_reported_as_not_matching(monkeypatch):
    monkeypatch.setattr(lecture, "MF_PRINTED", tuple((a + 0.01, b) for a, b in lecture.MF_PRINTED))
    r = lecture.run_step(2)
    assert r.matches is False and sum(not row.ok for row in r.rows) == 16


def test_unknown_step_is_a_clear_error():
    with pytest.raises(InputError, match="no lecture step"):
        lecture.run_step("nope")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_bundled_texts_have_every_step_and_their_placeholders_fill(lang):
    texts = lecture.load_texts(lecture.lecture_file(lang))
    assert [t["key"] for t in texts] == list(lecture.STEPS)
    numbers = {k: 1.0 for k in ("max_diff_vs_step2", "loss", "variance", "n_valid", "train_loss", "val_loss",
                                 "ratio", "best_epoch", "best_val_loss")}
    for t in texts:
        t["text"].format(**numbers)
        t.get("answer", "").format(**numbers)


def test_a_malformed_lecture_file_is_a_message(tmp_path):
    bad = tmp_path / "x.toml"
    bad.write_text('[[step]]\nkey = "embedding"\ntitle = "t"\n', encoding="utf-8")
    with pytest.raises(InputError, match="text is missing"):
        lecture.load_texts(bad)
    bad.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(InputError, match="not a valid lecture file"):
        lecture.load_texts(bad)
