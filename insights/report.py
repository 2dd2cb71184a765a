"""The self-contained HTML report: inline CSS, charts as data URIs, nothing fetched when opened."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from insights.masking import mask
from insights.unanswered import Group
from visa_guide.catalogue.freshness import Freshness

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;
color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
.cards{display:flex;flex-wrap:wrap;gap:.75rem}.card{border:1px solid #ccc;border-radius:6px;padding:.6rem .9rem;
min-width:8rem}.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.35rem .5rem;
text-align:left;vertical-align:top}th{background:#f1f4f7}td.n{text-align:right}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));gap:1rem}img{max-width:100%}
.muted{color:#555;font-size:.9rem}code{background:#f4f4f4;padding:0 .2rem}
"""


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def _cards(summary: dict[str, Any]) -> str:
    cards = [
        ("Conversations", summary["conversations"]),
        ("Turns", summary["turns"]),
        ("Containment", _percent(summary["containment"])),
        ("Fallback rate", _percent(summary["fallback_rate"])),
        ("Handoff rate", _percent(summary["handoff_rate"])),
        ("Median turns", summary["median_turns"]),
        ("Helpful", summary["feedback"]["helpful"]),
        ("Not helpful", summary["feedback"]["not_helpful"]),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{escape(str(value))}</b>{escape(label)}</div>' for label, value in cards
    ) + "</div>"


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th scope=col>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{escape(str(cell))}</td>'
                         for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _groups(groups: list[Group]) -> str:
    if not groups:
        return "<p>None in this period.</p>"
    rows = [[g.count, g.example.text, ", ".join(g.reasons), g.example.predicted_intent, g.example.conversation,
             "; ".join(dict.fromkeys(m.text for m in g.messages[1:4]))] for g in groups]
    return _table(["count", "example (masked)", "why", "likeliest intent", "example conversation",
                   "other wordings"], rows, {0})


def _freshness(freshness: Freshness, asked: dict[str, int]) -> str:
    rows = [[p.name, asked.get(p.id, 0), p.facts, len(p.stale), p.undated,
             p.newest.isoformat() if p.newest else "-"]
            for p in sorted(freshness.programmes, key=lambda p: -asked.get(p.id, 0))]
    table = _table(["programme", "times asked about", "facts", "facts older than a year", "facts without a date",
                    "newest fact"], rows, {1, 2, 3, 4})
    sources = ", ".join(freshness.undated_sources) or "none"
    return table + f'<p class="muted">Sources with no date: {escape(sources)}</p>'


def _feedback(rated: list[tuple[str, str, str]]) -> str:
    """Answers rated with the feedback buttons, least helpful first."""
    if not rated:
        return "<p>No feedback on answers in this period.</p>"
    counts: dict[str, list[int]] = {}
    for value, answer, _conversation in rated:
        counts.setdefault(mask(answer), [0, 0])[0 if value == "helpful" else 1] += 1
    rows = [[answer, good, bad] for answer, (good, bad) in sorted(counts.items(), key=lambda item: -item[1][1])]
    return _table(["answer (first line)", "helpful", "not helpful"], rows, {1, 2})


def render(summary: dict[str, Any], charts: dict[str, bytes], groups: list[Group], freshness: Freshness | None,
           asked: dict[str, int], period: str, rated: list[tuple[str, str, str]] | None = None) -> str:
    images = "".join(
        f'<figure><img src="{data_uri(png)}" alt="{escape(title)}"><figcaption class="muted">{escape(title)}'
        "</figcaption></figure>" for title, png in charts.items()
    )
    channels = _table(["channel", "conversations"], [[k, v] for k, v in summary["channels"].items()], {1})
    fresh = _freshness(freshness, asked) if freshness else "<p>The catalogue could not be read.</p>"
    total = sum(g.count for g in groups)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Korea Visa Guide: conversation insights</title><style>{CSS}</style></head>
<body><main>
<h1>Korea Visa Guide: conversation insights</h1>
<p class="muted">{escape(period)}. Personal data in messages (e-mail addresses, phone, passport and registration
numbers) is masked. Definitions are in <code>summary.json</code>.</p>
{_cards(summary)}
<h2>Charts</h2><div class="charts">{images}</div>
<h2>Channels</h2>{channels}
<h2>Messages to review ({total} in {len(groups)} groups)</h2>
<p class="muted">Not understood, out of scope, answered with low confidence, or typed again after a fallback;
similar wordings grouped. <code>make review</code> puts them in <code>review/inbox.yml</code>.</p>
{_groups(groups)}
<h2>Feedback on answers</h2>{_feedback(rated or [])}
<h2>Demand and freshness by programme</h2>{fresh}
</main></body></html>
"""
