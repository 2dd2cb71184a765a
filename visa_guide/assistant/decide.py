"""The conversation's decision for a typed question: which catalogue entry answers it, in which thread.

`respond(turn, cat)` returns a Reply that leads with the fact asked for, or None when the question is left to
the block answers (a button) or to the fallback.
"""

from __future__ import annotations

import re
from dataclasses import replace

from visa_guide.answers.lead import short_footer
from visa_guide.assistant.contacts import contact_reply
from visa_guide.assistant.fact_index import CONTEXT, Entry, FactIndex, Hit
from visa_guide.assistant.library import fact_index
from visa_guide.assistant.replies import (
    block_reply,
    country_reply,
    lead_reply,
    newest_date,
    not_covered_reply,
    short_name,
    uncovered_reply,
)
from visa_guide.assistant.thread import Thread, asks_about_self, generic_aspect, is_generic, question_terms, specific
from visa_guide.assistant.turn import Reply, Turn
from visa_guide.assistant.words import terms
from visa_guide.catalogue.queries import Catalogue
from visa_guide.scope import CONTEXT_CODES, outside_catalogue_topic, uncovered_for_any
from visa_guide.vocabulary import ASPECT_BY_INTENT

# A hit answers when it holds this share of the question's word weight (higher with no programme in context).
MIN_COVERAGE = 0.3
MIN_COVERAGE_ANYWHERE = 0.5
MIN_COVERAGE_OUTSIDE = 0.6  # a topic outside the catalogue ("permanent residence") asked in a programme's thread
SECOND_FACT_SHARE = 0.8  # a second fact joins the first when it scores at least this share of the best
ASPECT_BOOST = 1.5  # a fact of the aspect the intent asks for ranks a little higher
GAP_WEIGHT = 0.6  # a gap (not published / not covered) leads only when it matches clearly better
ANNOUNCED_WEIGHT = 0.85  # only announced (a plan, a report): ranks below a rule in force or a pilot
CONTEXT_WEIGHT = 0.3  # the topic answered last ranks the follow-up's candidates by this share of the best
NAMED_SHARE = 0.95  # a programme named by its name wins with this share of a keyword-named one's best score
NEAR_TIE = 0.9  # scores this close count as a tie, which the newer fact wins
OVERVIEW_COVERAGE = 0.5  # an overview question leads with a fact only when it matches this much
WEAK_COVERAGE = 0.5  # below this, a programme named only by a keyword does not hold the search
GAP_COMPANION_SHARE = 0.5  # a fact that scores this share of a leading gap is shown before it
GROUP_MARGIN = 0.67  # in a group, another programme scoring this share of the best makes it ambiguous
CODE = re.compile(r"[a-h]\d{1,2}[a-z0-9]*")  # a visa code as `terms` writes it ("f5", "e74r")
WHEN = re.compile(r"\bwhen\b")  # a question about a date: a gap of the timeline may complete the answer
RANKER = "bm25"  # measured against "tfidf" by scripts/measure_rankers.py


def _ranked(hits: list[Hit], aspect: str | None) -> list[Hit]:
    if not aspect:
        return hits
    boosted = [replace(h, score=h.score * ASPECT_BOOST) if h.entry.aspect == aspect else h for h in hits]
    return sorted(boosted, key=lambda h: h.score, reverse=True)


def _chosen(hits: list[Hit], min_coverage: float, aspect: str | None = None) -> list[Hit]:
    """The best hit, and a second fact of the same programme when it scores nearly as well, or a gap that
    matches as much of the question. A gap that leads with a fact close behind ("has it started?": the status,
    and no start date published) comes second."""
    hits = sorted(hits, key=lambda h: h.score * _weight(h.entry), reverse=True)
    hits = _newest_of_near_ties(hits)
    if not hits or hits[0].score <= 0 or not _enough(hits[0], min_coverage):
        return []
    best = hits[0]
    if best.entry.gap:
        fact = next((h for h in hits[1:4] if h.entry.fact and _enough(h, min_coverage)), None)
        return [fact, best] if fact and fact.score >= GAP_COMPANION_SHARE * best.score else [best]
    chosen = [best]
    gap = next((h for h in hits[1:4] if h.entry.gap and h.matched and h.coverage >= best.coverage), None)
    gap = gap or next((h for h in hits[1:] if h.entry.gap and h.matched and _same_kind(h, best, aspect)), None)
    if gap:  # "the full D-10 points table?": the rule there is, then that the table is not in my sources
        return [best, gap]
    if len(hits) > 1:
        second = hits[1]
        if (
            second.entry.fact
            and second.entry.programme_id == best.entry.programme_id
            and second.score >= SECOND_FACT_SHARE * best.score
            and _enough(second, min_coverage)
        ):
            chosen.append(second)
    return chosen


def _weight(entry: Entry) -> float:
    """A gap leads only when it matches clearly better; a rule in force a little before a plan or a report."""
    if not entry.fact:
        return GAP_WEIGHT
    return 1.0 if any(v.status != "announced" for v in entry.fact.versions) else ANNOUNCED_WEIGHT


def _same_kind(gap: Hit, best: Hit, aspect: str | None) -> bool:
    """A gap of the fact's own programme, and of its aspect or the one asked for ("when will the wider job
    access start?": its announcement, and that no start date is published)."""
    return gap.entry.programme_id == best.entry.programme_id and gap.entry.aspect in (best.entry.aspect, aspect)


def _enough(hit: Hit, min_coverage: float) -> bool:
    """A hit holds enough of the question: its share of the word weight, or (for a long question with many
    words of its own) two of its words."""
    return hit.coverage >= min_coverage or (min_coverage <= MIN_COVERAGE and hit.matched >= 2)


def _newest_of_near_ties(hits: list[Hit]) -> list[Hit]:
    """Of two facts that score nearly the same, the one from the newer sources leads: "when did it launch?"
    wants the launch, not the announcement a month before."""
    if len(hits) < 2 or not (hits[0].entry.fact and hits[1].entry.fact):
        return hits
    first, second = hits[0], hits[1]
    if first.entry.aspect != second.entry.aspect:
        return hits
    if second.score >= NEAR_TIE * first.score and newest_date(second.entry.fact) > newest_date(first.entry.fact):
        return [second, first, *hits[2:]]
    return hits


def _anywhere(
    index: FactIndex, words: list[str], counted: list[str], aspect: str | None, asked: str | None = None
) -> list[Hit]:
    """With no programme in the thread, a hit must match two of the question's words, or nearly all of its
    weight ("what's the weather in Seoul?" shares only "Seoul" with a fact)."""
    chosen = _chosen(_ranked(index.search(words, None, counted), aspect), MIN_COVERAGE_ANYWHERE, asked)
    if chosen and (chosen[0].matched >= 2 or chosen[0].coverage >= 0.8):
        return chosen
    return []


def _clear_winner(hits: list[Hit], min_coverage: float) -> list[Hit]:
    """Within a group of programmes ("the regional visa"), the best hit answers only when no other programme of
    the group scores nearly as well; otherwise the user is asked which one they mean."""
    chosen = _chosen(hits, min_coverage)
    if not chosen:
        return []
    runner_up = next((h for h in hits if h.entry.programme_id != chosen[0].entry.programme_id), None)
    if runner_up and runner_up.score >= GROUP_MARGIN * chosen[0].score:
        return []
    return chosen


def _by_its_name(chosen: list[Hit], hits: list[Hit], strong: list[str], min_coverage: float) -> list[Hit]:
    """A programme named by its name answers before one named only by a keyword, when its best fact scores
    nearly as well ("can I do an internship on my D-10?": the D-10's rule, not the internship programme's)."""
    if not chosen or not strong or chosen[0].entry.programme_id in strong:
        return chosen
    own = _chosen([h for h in hits if h.entry.programme_id in strong], min_coverage)
    return own if own and own[0].score >= NAMED_SHARE * chosen[0].score else chosen


def _codes_of_other_visas(cat: Catalogue, words: list[str]) -> set[str]:
    """The question's visa codes that name no catalogue programme and are not D-2 or F-2 ("f5" for PR)."""
    codes = {w for w in words if CODE.fullmatch(w)}
    if not codes:
        return set()
    ours = {w for names in cat.programme_aliases().values() for name in names for w in terms(name)}
    return codes - ours - CONTEXT_CODES


def comparison_reply(
    cat: Catalogue, compared: list[str], words: list[str], counted: list[str], aspect: str | None
) -> Reply | None:
    """The fact that answers the question for each of the two programmes compared last."""
    index = fact_index(cat, RANKER)
    sides = [_chosen(_ranked(index.search(words, [pid], counted), aspect), MIN_COVERAGE)[:1] for pid in compared]
    if not any(sides):
        return None
    lines = []
    for pid, side in zip(compared, sides, strict=True):
        if side:
            lines.append(lead_reply(cat, [side[0].entry]).messages[0].text.rsplit("\n", 1)[0])
        else:
            programme = cat.programme(pid)
            lines.append(f"**{short_name(programme) if programme else pid}**: my sources say nothing on this.")
    topic = next(side[0].entry.id for side in sides if side)
    return Reply.say("\n".join([*lines, short_footer(cat.contacts())]), kind="fact", topic=topic)


def search_reply(turn: Turn, cat: Catalogue, thread: Thread, min_coverage: float = MIN_COVERAGE) -> Reply | None:
    """The fact that answers the question, searched within the programme(s) in the thread; a question with
    no words of its own ("who can apply for F-2-R?") gets the whole aspect."""
    index = fact_index(cat, RANKER)
    scope = thread.programmes_in_scope(cat)
    words = question_terms(turn.text, thread.named_aliases(cat), index.topic_words(scope))
    aspect = ASPECT_BY_INTENT.get(turn.intent or "")
    if turn.intent == "switch_programme":  # "and for the F-2-R?": the aspect asked about before
        aspect = turn.slot("aspect") or "overview"
    asked = "timeline" if WHEN.search(turn.text.lower()) else aspect  # the aspect a gap may complete
    previous = thread.previous_topic()
    if is_generic(words) and previous and thread.named and thread.named[0] != thread.remembered:
        words = terms(previous)  # "and for the Top-Tier?" after the F-2-R's income rule: the same question
    strong = thread.strongly_named(cat)
    if len(strong) >= 2 and not is_generic(words):
        # "the education rules of the Top-Tier visa and of the F-2-R": each answers, and the pair is kept
        both = comparison_reply(cat, strong[:2], words, specific(words), aspect)
        if both:
            both.slots["compared"] = ",".join(strong[:2])
            return both
    name_words = {w for name in thread.named_aliases(cat) for w in terms(name)}
    only_names = bool(words) and set(words) <= name_words
    if aspect in (None, "overview") and len(scope) == 1 and (only_names or thread.asks_what_it_is(cat)):
        return block_reply(cat, scope[0], "overview")  # "tell me about post-graduation internships"
    if is_generic(words):
        if len(scope) != 1 or scope[0] == CONTEXT:
            return None
        return block_reply(cat, scope[0], aspect or generic_aspect(words, turn.text))
    counted = specific(words)
    if thread.compared and not thread.named:
        # "which is better for someone with only a bachelor's?" right after a comparison: both sides answer
        compared = comparison_reply(cat, thread.compared, words, counted, aspect)
        if compared:
            return compared
    if thread.group and not thread.named:
        chosen = _clear_winner(_ranked(index.search(words, scope, counted), aspect), min_coverage)
        group = [p.id for p in cat.programmes() if p.category == thread.group]
        if not chosen and set(scope) < set(group):
            # "do I need to report it?" after the D-10's internship rule: the group's clear answer
            chosen = _clear_winner(_ranked(index.search(words, group, counted), aspect), min_coverage)
    elif thread.about_context and not thread.named:
        hits = _ranked(index.search(words, thread.context_scope(cat), counted), aspect)
        chosen = _chosen(hits, min_coverage, asked)
        chosen = chosen or _anywhere(index, words, counted, aspect, asked)
    elif scope:
        context = terms(previous) if previous and not strong else []
        hits = _ranked(index.search(words, scope, counted, context, CONTEXT_WEIGHT, answered=thread.topic), aspect)
        chosen = _by_its_name(_chosen(hits, min_coverage, asked), hits, strong, min_coverage)
        if thread.named and not strong and (not chosen or chosen[0].coverage < WEAK_COVERAGE):
            # "is there any region where the D-2 rules are easier?": a keyword is no reason to stay
            chosen = _anywhere(index, words, counted, aspect, asked) or chosen
    else:
        chosen = _anywhere(index, words, counted, aspect, asked)
    if chosen and chosen[0].missing & _codes_of_other_visas(cat, counted) and len(scope) == 1:
        return uncovered_reply(cat, scope[0])  # "how long to PR (F-5) on the F-2-R?": not its residence period
    if chosen and aspect == "overview" and chosen[0].coverage < OVERVIEW_COVERAGE and len(scope) == 1:
        return block_reply(cat, scope[0], "overview")  # "what is this top tier visa people talk about"
    if chosen:
        return lead_reply(cat, [h.entry for h in chosen])
    if len(scope) == 1 and scope[0] != CONTEXT:
        return block_reply(cat, scope[0], aspect) if aspect else uncovered_reply(cat, scope[0])
    return None


def respond(turn: Turn, cat: Catalogue) -> Reply | None:
    """A reply for a typed question, or None to let the block answers (or the fallback) handle it."""
    if not turn.typed:
        return None
    thread = Thread.of(turn, cat)
    if thread.foreign_codes(cat) and not thread.group:
        return not_covered_reply(cat)  # "E-2 to teach English", "part time on a D-4": a visa it doesn't hold
    if uncovered_for_any(turn.text):  # "how long does F-2-R processing take?": the programme's own gap
        current = thread.programme(cat)
        if current is None:
            return not_covered_reply(cat)
        gaps = [e for e in fact_index(cat, RANKER).entries if e.programme_id == current and e.aspect == "processing"]
        return lead_reply(cat, gaps[:1]) if gaps else uncovered_reply(cat, current)
    if outside_catalogue_topic(turn.text, bool(thread.named) or thread.group is not None):
        # "can I get permanent residency?" after Top-Tier is about it; "what is G-1?" after F-2-R is not
        followed = search_reply(turn, cat, thread, MIN_COVERAGE_OUTSIDE) if thread.remembered else None
        return followed if followed and followed.kind == "fact" else not_covered_reply(cat)
    if thread.topic and thread.topic.startswith("contacts/") and not thread.named:
        followed = contact_reply(turn, cat, default=thread.topic.split("/", 1)[1])
        if followed:
            return followed  # "is it open on weekends?" after the hotline
    if not thread.named and not thread.remembered and (found := contact_reply(turn, cat, min_score=2)):
        return found  # "where do I apply for a visa online?": HiKorea
    country = thread.country_named
    if country and thread.wants_country_check(turn, cat):
        return country_reply(cat, country)
    if not country and thread.remembered_country and thread.is_country_programme(cat) and asks_about_self(turn.text):
        found = cat.find_country(thread.remembered_country)
        if found:
            return country_reply(cat, found)
    reply = search_reply(turn, cat, thread)
    if reply and thread.named and thread.compared:
        reply.slots["compared"] = None  # a programme named: the comparison's thread ends
    return reply
