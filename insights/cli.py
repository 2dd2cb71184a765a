"""`python -m insights.cli report|review [--since 7d] [--url URL]`.

report: results/insights/report.html, summary.json and the PNG charts.
review: review/inbox.yml, the missed messages in Rasa's NLU format, for a maintainer to sort into data/nlu/.
The tracker store (TRACKER_DB_URL, default var/tracker.db) is only read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from insights import charts, metrics
from insights.conversations import Conversation, build_conversations
from insights.report import render
from insights.review import inbox_yaml
from insights.store import ROOT, read_events, since_cutoff, tracker_url
from insights.unanswered import group_similar, missed_messages
from visa_guide.catalogue.freshness import Freshness, catalogue_freshness


def load(url: str, since: str | None) -> list[Conversation]:
    return build_conversations(read_events(url, since_cutoff(since)))


def _freshness() -> Freshness | None:
    import os

    try:
        return catalogue_freshness(Path(os.environ.get("CATALOGUE_DIR") or ROOT / "catalogue"))
    except (ValueError, OSError) as error:  # an invalid catalogue: the report still shows the conversations
        print(f"catalogue not read: {error}", file=sys.stderr)
        return None


def write_report(conversations: list[Conversation], out: Path, period: str) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    summary = metrics.summary(conversations)
    days = metrics.per_day(conversations)
    intents = metrics.top_intents(conversations)
    asked = metrics.programme_mentions(conversations)
    labels = [d["day"][5:] for d in days]
    images = {
        "Conversations per day": charts.bar_chart("Conversations per day", labels,
                                                  [d["conversations"] for d in days], "conversations"),
        "Fallback rate per day": charts.rate_chart("Fallback rate per day", labels,
                                                   [d["fallback_rate"] for d in days]),
        "Top intents": charts.bar_chart("Top intents", [i for i, _ in intents], [n for _, n in intents],
                                        "turns", horizontal=True),
        "Top programmes asked about": charts.bar_chart(
            "Top programmes asked about", [p for p, _ in asked.most_common(10)],
            [n for _, n in asked.most_common(10)], "answers", horizontal=True),
    }
    for title, png in images.items():
        (out / (title.lower().replace(" ", "_") + ".png")).write_bytes(png)
    groups = group_similar(missed_messages(conversations))
    summary["per_day"] = days
    summary["unanswered_groups"] = len(groups)
    summary["unanswered_messages"] = sum(g.count for g in groups)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    html = render(summary, images, groups, _freshness(), dict(asked), period, metrics.rated_answers(conversations))
    (out / "report.html").write_text(html, encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m insights.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["report", "review"])
    parser.add_argument("--since", default=None, help="only events of the last period: 24h, 7d, 2w")
    parser.add_argument("--url", default=None, help="tracker store URL (default: TRACKER_DB_URL or var/tracker.db)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default results/insights) or file (default review/inbox.yml)")
    args = parser.parse_args(argv)
    url = args.url or tracker_url()
    try:
        conversations = load(url, args.since)
    except ValueError as error:
        parser.error(str(error))
    except FileNotFoundError as error:
        print(f"{error}: no conversations stored yet", file=sys.stderr)
        conversations = []
    except SQLAlchemyError as error:
        print(f"cannot read the tracker store: {type(error).__name__}", file=sys.stderr)
        return 1
    period = f"conversations of the last {args.since}" if args.since else "all stored conversations"
    period += f", written {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
    if args.command == "report":
        out = args.out or ROOT / "results" / "insights"
        summary = write_report(conversations, out, period)
        print(f"{summary['conversations']} conversations, {summary['turns']} turns, "
              f"{summary['unanswered_messages']} messages to review: {out / 'report.html'}")
    else:
        target = args.out or ROOT / "review" / "inbox.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        missed = missed_messages(conversations)
        target.write_text(inbox_yaml(missed), encoding="utf-8")
        print(f"{len(missed)} messages to review in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
