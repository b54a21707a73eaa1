"""Engine sentences the window shows in the user's language (the cell explanations). No Qt, no torch.

A :class:`Text` is a ``str`` — the English sentence the CLI prints and the tests read — that also carries
its template and values, so the window can show ``translate("Explain", template).format(**values)``
(``ui/insight.py``). Every template is a constant here; ``tools/update_translations.py`` puts them in the
``.ts`` under the context ``Explain``. Formulas stay formulas; the words around them are translated.
"""

from __future__ import annotations

from typing import Any

#: The templates, by name (the value of a placeholder may itself be a Text, translated in turn).
EXPLAIN = {
    "mf_score": "score = b_u + b_i + u·v = {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {score:+.3f}",
    "mf_prediction": "prediction = {squash} = {value:.3f}",
    "mf_raises": "taste match (u·v) raises it; the user's bias {b_u:+.2f}, the item's {b_i:+.2f}",
    "mf_lowers": "taste match (u·v) lowers it; the user's bias {b_u:+.2f}, the item's {b_i:+.2f}",
    "biases": "prediction = mean + b_u + b_i = {mean:.3f} {b_u:+.3f} {b_i:+.3f} = {total:.3f}",
    "biases_dot": "prediction = mean + b_u + b_i + u·v = {mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {total:.3f}",
    "svdpp": ("prediction = mean + b_u + b_i + q_i·p_u + q_i·implicit = "
              "{mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} {implicit:+.3f} = {total:.3f}"),
    "svdpp_implicit": "implicit = |N(u)|^-½ Σ y_j over the {n} item(s) the user rated",
    "bpmf": ("prediction = mean + b_u + b_i + u·v averaged over {k} posterior samples = "
             "{mean:.3f} {b_u:+.3f} {b_i:+.3f} {dot:+.3f} = {total:.3f}"),
    "bpmf_spread": "the samples' predictions: {low:.2f} to {high:.2f} (middle 90 %), sd {sd:.2f}: how sure the model is",
    "blend": "prediction = offset + Σ weight × part = {offset:+.3f} {terms} = {total:.3f}",
    "blend_term": "{weight:+.3f} × {value:.3f} ({part})",
    "part_line": "{part}: {line}",
    "cell": "{user} → {item}: predicted {prediction:.2f}",
    "cell_rated": "{user} → {item}: predicted {prediction:.2f} (rated {known:g})",
    "near_users": "users with similar embeddings and their rating of {item}: {rows}",
    "near_items": "items with similar embeddings and {user}'s rating of them: {rows}",
    "near_rated": "{label} (rated {rating:g})",
    "near_unrated": "{label} (not rated)",
    "near_none": "none",
    "cold": "cold start: no training rating for this user or item, so the prediction comes from biases only",
}


class Text(str):
    """An English sentence made from one of :data:`EXPLAIN`'s templates, with the template and values kept."""

    template: str
    values: dict[str, Any]

    def __new__(cls, name: str, **values: Any) -> Text:
        template = EXPLAIN[name]
        obj = super().__new__(cls, template.format(**values))
        obj.template, obj.values = template, values
        return obj


class Label(str):
    """A model's or a phase's name from the registry (translated by the window like its settings forms)."""


def joined(parts: list[Text], sep: str = ", ") -> Text | str:
    """Several Texts as one value of a placeholder (each translated on its own)."""
    return _Joined(parts, sep)


class _Joined(str):
    def __new__(cls, parts: list, sep: str) -> _Joined:
        obj = super().__new__(cls, sep.join(parts))
        obj.parts, obj.sep = list(parts), sep
        return obj


def translated(text: Any, translate, translate_label=None) -> str:
    """``text`` in the window's language: ``translate(template)`` filled with the values, each value that is
    itself a Text translated the same way and each :class:`Label` by ``translate_label``. A plain str is
    returned as it is."""
    if isinstance(text, Label):
        return translate_label(text) if translate_label is not None else str(text)
    if isinstance(text, _Joined):
        return text.sep.join(translated(p, translate, translate_label) for p in text.parts)
    if not isinstance(text, Text):
        return str(text)
    values = {k: translated(v, translate, translate_label) if isinstance(v, (Text, _Joined, Label)) else v
              for k, v in text.values.items()}
    try:
        return translate(text.template).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English is still right
        return str(text)
