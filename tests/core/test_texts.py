"""core/texts.py: explanation sentences that are English strings and carry what the window translates."""

from __future__ import annotations

from solorec_gui.core.texts import EXPLAIN, Label, Text, joined, translated


def test_a_text_is_its_english_sentence_and_keeps_its_template_and_values():
    line = Text("biases", mean=3.5, b_u=0.25, b_i=-0.125, total=3.625)
    assert line == "prediction = mean + b_u + b_i = 3.500 +0.250 -0.125 = 3.625"
    assert line.template == EXPLAIN["biases"] and line.values["total"] == 3.625


def test_translation_fills_the_translated_template_and_nested_texts_and_labels():
    ko = {EXPLAIN["blend"]: "예측 = {offset:+.3f} {terms} = {total:.3f}", EXPLAIN["blend_term"]: "{weight:+.3f}×{value:.3f}[{part}]"}
    terms = joined([Text("blend_term", weight=0.5, value=3.0, part=Label("Bayesian MF (Gibbs sampling)")),
                    Text("blend_term", weight=0.5, value=4.0, part=Label("I-AutoRec (large data)"))], " ")
    line = Text("blend", offset=0.0, terms=terms, total=3.5)
    assert "(Bayesian MF (Gibbs sampling))" in line  # the English, as the CLI prints it
    labels = {"Bayesian MF (Gibbs sampling)": "베이지안 MF", "I-AutoRec (large data)": "I-AutoRec"}
    out = translated(line, lambda t: ko.get(t, t), lambda label: labels[label])
    assert out == "예측 = +0.000 +0.500×3.000[베이지안 MF] +0.500×4.000[I-AutoRec] = 3.500"
    assert translated("plain", lambda t: "x") == "plain"


def test_a_broken_translation_falls_back_to_the_english():
    line = Text("svdpp_implicit", n=7)
    assert translated(line, lambda t: "{missing} 개") == str(line)
