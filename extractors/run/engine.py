"""One document in, validated observations out.

Find, then resolve: quantities are found sentence by sentence in the
normalised text (same length as the original, so offsets carry over), the
rule book names the indicator, scope and periods name the region and year,
and every row is validated as an ``Observation``. A row that fails
validation is kept as ``Rejected`` with the reason.
"""
from __future__ import annotations

import bisect
import dataclasses
import time
from dataclasses import dataclass, field

import regex

from pydantic import ValidationError

from extractors.catalog import LOCAL_CURRENCIES, alternation, suffixes_of
from extractors.indicators.classify import (BARE_GROWTH_SUBJECT, Context, classify, kind_of, respective_decision,
                                           rule_timeouts, vetoed_by)
from extractors.text.documents import normalise, split_articles, split_sentences
from extractors.regions.gazetteer import Gazetteer, load_gazetteer
from extractors.models import Document, Observation, Quantity, Rejected, Sentence
from extractors.periods.kinds import PeriodResolver, period_kind
from extractors.periods.years import YearResolver
from extractors.indicators.measures import choose_measure
from extractors.quantities.numbers import is_number_tail, parse_number
from extractors.quantities.finder import PREFIX_QUALIFIERS, find_quantities
from extractors.quantities.spans import longest_then_earliest
from extractors.regions.frames import load_frames
from extractors.regions.mentions import find_region_mentions
from extractors.indicators.rulebook import Rule, RuleBook, load_rulebook
from extractors.regions.given import region_named
from extractors.regions.scope import AT_FOCUS, RegionScope
from extractors.tables.cells import table_observations
from extractors.tables.grid import structured_table_observations

TAIWAN = "台湾省"   # the unit whose pages count years of the Republic of China


class TimeLimitExceeded(Exception):
    """The extraction of a document ran past its deadline; ``position`` is where it stopped."""

    def __init__(self, position: int, length: int):
        self.position, self.length = position, length
        super().__init__(f"stopped at character {position} of {length}")


@dataclass
class Extraction:
    observations: list[Observation] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    quantity: Quantity      # offsets relative to the sentence text
    rule: Rule | None = None        # set when a pattern rule found the number
    implied_unit: bool = False      # the unit is implied by the indicator's cue word


# 增加值80.4亿, 人才总量突破45万: a scaled number with no unit word; its
# unit is the one the cue word before it implies, tried in this order.
# 人民币 after it names the currency (签约金额6.8亿人民币).
BARE_SCALED = regex.compile(
    r"(?<![\d.．A-Za-z第])(?P<number>\d{1,6}(?:\.\d{1,4})?(?:万亿|[万亿])[余多]?)(?!(?!人民币)[\p{Han}\d])")
IMPLIED_UNITS = ("CNY", "person")
PREFIX_BEFORE = regex.compile("(?:" + "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True)) + ")$")


def _bare_scaled_candidates(sentence: str) -> list[Candidate]:
    if "万" not in sentence and "亿" not in sentence:
        return []
    found = []
    for match in BARE_SCALED.finditer(sentence):
        parsed = parse_number(match.group("number"))
        lead = PREFIX_BEFORE.search(sentence, max(0, match.start() - 4), match.start())
        qualifier = PREFIX_QUALIFIERS[lead.group()] if lead and parsed.qualifier == "exact" else parsed.qualifier
        for unit in IMPLIED_UNITS:
            found.append(Candidate(Quantity(start=match.start(), end=match.end(), raw_text=match.group(),
                                            value=parsed.value, unit=unit, qualifier=qualifier,
                                            measure=""), implied_unit=True))
    return found


def _pattern_candidates(sentence: str, book: RuleBook) -> list[Candidate]:
    found = []
    for rule in book.pattern_rules:
        for match in rule.pattern.finditer(sentence):
            start, end = match.span("number")
            raw = sentence[start:end]
            found.append(Candidate(Quantity(start=start, end=end, raw_text=raw, value=float(raw),
                                            unit=rule.unit, measure=""), rule))
    return found


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Of overlapping candidates, an explicit unit wins over one a cue implies."""
    return longest_then_earliest(candidates, _bounds, tiebreak=lambda c: c.implied_unit)


def _bounds(candidate: Candidate) -> tuple[int, int]:
    return candidate.quantity.start, candidate.quantity.end


LIST_SEPARATOR = regex.compile(r"^(?:、|和|及|与|，)$")
# 德清县新增企业520家，安吉县430家 / 安吉县次之，为430家: the next unit's figure, its noun
# left out (not 占全市48%: a yardstick word makes the clause a share)
NEXT_UNIT_OF_LIST = regex.compile(
    r"^[，、；;,](?!" + alternation(load_frames().yardstick_words) + r")\p{Han}{1,8}?"
    + alternation(suffixes_of("city", "county", "town")) + r"(?:(?:次之|其次|紧随其后)[，,]?)?(?:为|达|约)?$")


def _listed_after(previous, quantity: Quantity, sentence: str):
    """``分别下降7.5%、12.8%、25.7%``: a number listed right after another of the
    same unit shares its rule, its subject and the sign its trend word gave."""
    if previous is None:
        return None
    prev_quantity, rule, subject = previous
    between = sentence[prev_quantity.end: quantity.start]
    if prev_quantity.unit != quantity.unit:
        return None
    if NEXT_UNIT_OF_LIST.match(between):
        return quantity, rule, subject
    if not LIST_SEPARATOR.match(between):
        return None
    if between == "，" and "分别" not in sentence[: prev_quantity.start]:
        return None
    if prev_quantity.value < 0 < quantity.value and quantity.unit == "percent":
        quantity = dataclasses.replace(quantity, value=-quantity.value)
    return quantity, rule, subject


# 其中 opens a sentence that goes on with the one before it (…营业收入均超过400亿元。
# 其中A和B分别达到X亿元和Y亿元): that sentence is read as its earlier clauses. So does a
# sentence opening with the basis or the base of a change (…生产总值412.6亿元。按可比价格计算，
# 比上年增长6.3%): its growth is of what the sentence before named.
CONTINUES_BEFORE = regex.compile(r"^(?:其中|按(?:可比价|不变价)(?:格)?(?:计算)?|比上年|较上年|同比(?:增长|下降))")


def _lead_of(sentence: Sentence, before: Sentence | None) -> str:
    if before is None or not CONTINUES_BEFORE.match(sentence.text) \
            or (before.article, before.paragraph) != (sentence.article, sentence.paragraph):
        return ""
    return before.text.rstrip("。") + "。"


def _clause_bounds(sentence: Sentence, start: int, end: int, ctx: Context) -> tuple[int, int]:
    """Document offsets of the clause around a quantity."""
    left = start - len(ctx.clause_left)
    right = min(end + len(ctx.clause_right), len(sentence.offsets)) - 1
    clause_start = sentence.offsets[left] if left < len(sentence.offsets) else sentence.start
    clause_end = sentence.offsets[right] + 1 if right >= 0 else sentence.end
    return clause_start, max(clause_end, clause_start)


def _as_written(text: str, sentence: Sentence) -> str:
    """The sentence in the document's own characters. Its offsets rise (lines
    are joined in reading order), so a span as long as the sentence has no
    line break taken out and is one slice; most sentences are."""
    if sentence.end - sentence.start == len(sentence.offsets):
        return text[sentence.start:sentence.end]
    return "".join(map(text.__getitem__, sentence.offsets))


class _Topics:
    """The last sentence that named a subject, searched for only when a
    sentence asks for it: most never do, and each sentence is read once."""

    def __init__(self, subjects: regex.Pattern):
        self.subjects = subjects
        self.topic: Sentence | None = None
        self.unread: list[Sentence] = []

    def passed(self, sentence: Sentence) -> None:
        self.unread.append(sentence)

    def last(self) -> Sentence | None:
        for sentence in reversed(self.unread):
            if self.subjects.search(sentence.text):
                self.topic = sentence
                break
        self.unread.clear()
        return self.topic


class Extractor:
    def __init__(self, book: RuleBook | None = None, gazetteer: Gazetteer | None = None):
        self.book = book or load_rulebook()
        self.gazetteer = gazetteer or load_gazetteer()

    def extract(self, document: Document, deadline: float | None = None) -> Extraction:
        """Rows of ``document``; past ``deadline`` (a ``time.monotonic()`` value),
        checked between sentences, ``TimeLimitExceeded`` is raised."""
        text = document.text
        view = normalise(text)
        articles = document.articles or split_articles(view)
        sentences = split_sentences(view, articles)
        given = region_named(document.region, self.gazetteer) if document.region else None
        title_mentions, mentions = self._region_mentions(view, normalise(document.title) if document.title else "",
                                                         given)
        scope = RegionScope(view, mentions, articles, sentences, self.gazetteer, title_mentions, given)
        years = YearResolver(view, sentences, articles, document.date, document.title, _counts_roc_years(view, scope))
        periods = PeriodResolver(view, sentences, articles, document.date)
        result = Extraction()
        rule_timeouts.clear()
        before = None
        topics = _Topics(self.book.subjects)
        for sentence in sentences:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeLimitExceeded(sentence.start, len(text))
            lead = _lead_of(sentence, before)
            self._extract_sentence(document, sentence, articles, scope, years, periods, result, lead,
                                   None if lead else topics)
            topics.passed(sentence)
            before = sentence
        prose_rows = len(result.observations)
        for row in table_observations(document, _without_structured_tables(view, document), self.book, scope, years):
            self._keep(document, row, result)
        for table in document.tables:
            for row in structured_table_observations(document, view, table, self.book, scope, years):
                self._keep(document, row, result)
        _prefer_table_cells(result, prose_rows)
        currency = _local_currency(scope)
        if currency is not None:
            _in_local_currency(result, view, currency)
        if rule_timeouts:
            result.warnings.append(f"{document.source_file}: rule patterns timed out and counted as no match: "
                                   + ", ".join(f"{p!r} x{n}" for p, n in rule_timeouts.items()))
        return result

    def _region_mentions(self, view: str, title: str, given=None):
        """The unit the user gives and the title's units settle names the text
        leaves open (湖头镇 on a page of a folder of 安溪县), and the text's settle
        a name the title leaves open (鼓楼区…公报 on a page about 南京市)."""
        title_mentions = find_region_mentions(title, self.gazetteer, known=[given] if given else ()) if title else []
        mentions = find_region_mentions(view, self.gazetteer, resolve_communities=False,
                                        known=_settled(title_mentions) + ([given] if given else []))
        if any(m.region is not None and m.region.unresolved for m in title_mentions):
            title_mentions = find_region_mentions(title, self.gazetteer, known=_settled(mentions))
        return title_mentions, mentions

    def _topic_lead(self, sentence: Sentence, topics: "_Topics | None") -> str:
        """The sentence a sentence naming nothing it measures goes on with (OWN_CUES):
        the article's last one that named a subject, read before it by the classifier only."""
        if topics is None or self.book.own_cues.search(sentence.text):
            return ""
        topic = topics.last()
        if topic is None or topic.article != sentence.article:
            return ""
        return topic.text.rstrip("。") + "。"

    def _extract_sentence(self, document, sentence, articles, scope, years, periods, result,
                          lead: str = "", topics: "_Topics | None" = None) -> None:
        found = [Candidate(q) for q in find_quantities(sentence.text)]
        found += _pattern_candidates(sentence.text, self.book)
        previous: tuple[Quantity, Rule, str] | None = None
        # A number that is the tail of a broken one is read in the page, not the
        # sentence: the break may be where a line or a sentence ends (总值1 / 000亿元),
        # and pattern rules and implied units find numbers of their own.
        candidates = sorted((c for c in _without_overlaps(found) + self._implied(found, sentence.text)
                             if not is_number_tail(document.text, sentence.offsets[c.quantity.start])),
                            key=lambda c: c.quantity.start)
        if not candidates:
            return
        original_sentence = _as_written(document.text, sentence)   # once: per row it is quadratic in a long sentence
        if topics is not None and self.book.surely_names_own_cue(sentence.text):
            topics = None   # the sentence names what it measures: no clause of it goes on with a topic (_topic_lead)
        topic_lead: str | None = None     # looked for when a figure's clause first names nothing of its own
        led = lead + sentence.text
        article_title, base_year = _article_facts(articles, years, sentence.article)   # the same for every row
        previous_region = None
        for candidate in candidates:
            q = candidate.quantity
            growth_of_previous = False
            if q.is_change:
                continue    # absolute and percentage-point changes are optional in the spec; a level row would mislead
            ctx = Context.around(led, len(lead) + q.start, len(lead) + q.end)
            if vetoed_by(q, ctx, self.book.vetoes, self.book.veto_screen):
                continue
            # the words the classifier reads: the topic's sentence first, where one is carried
            read = ctx
            if topics is not None and topic_lead != "" and self.book.is_bare_clause(ctx.clause_left):
                if topic_lead is None:
                    topic_lead = self._topic_lead(sentence, topics)
                if topic_lead:
                    read = Context.around(topic_lead + sentence.text, len(topic_lead) + q.start,
                                          len(topic_lead) + q.end)
            listed = _listed_after(previous, q, sentence.text)
            if listed is not None:
                q, rule, subject = listed
                respective = respective_decision(q, read, self.book)   # A、B分别达X、Y: Y is B's
                if respective is not None:
                    rule, subject = respective.rule, respective.subject
            elif candidate.rule is not None:
                rule, subject = candidate.rule, ctx.clause_left[-20:]
            else:
                decision = classify(q, read, self.book)
                if decision is None or (candidate.implied_unit and decision.evidence != "cue"):
                    continue
                rule, subject = decision.rule, decision.subject
                growth_of_previous = previous is not None and BARE_GROWTH_SUBJECT.match(
                    ctx.clause_left.strip()[-8:] or "-")
                if growth_of_previous:
                    subject = previous[2] + ctx.clause_left.strip()   # 第一产业增加值28.4亿元，增长4.1%
            previous = (q, rule, subject)
            start, end = sentence.offsets[q.start], sentence.offsets[q.end - 1] + 1
            clause_start, clause_end = _clause_bounds(sentence, q.start, q.end, ctx)
            region = scope.resolve(start, end, clause_start, clause_end, sentence, sentence.article)
            if growth_of_previous and region is not None and region.evidence == AT_FOCUS \
                    and previous_region is not None and previous_region.region != region.region:
                region = previous_region   # 全市…完成投资2860亿元，同比增长8.3%: the growth of the figure before
            previous_region = region
            year = years.resolve(start, clause_start, sentence, sentence.article, end)
            row = dict(
                source_file=document.source_file, doc_id=document.doc_id,
                article_title=article_title,
                start=start, end=end, raw_text=document.text[start:end],
                value=q.value, unit=q.unit, qualifier=q.qualifier,
                indicator=rule.indicator, subject=_clean_subject(subject, region), year=year,
                period=periods.resolve(start, clause_start, sentence, sentence.article, year),
                kind=kind_of(q, ctx, self.book.kinds, self.book.kind_screen, year, base_year,
                             years.in_plan_section(start)),
                sentence_before=ctx.sentence_left[len(lead):],
                sentence=original_sentence,
                rule=rule.id,
                **(region.region.columns(region.surface) if region is not None else {}),
            )
            self._keep(document, row, result)

    def _implied(self, found: list[Candidate], sentence: str) -> list[Candidate]:
        """Bare scaled numbers that nothing else covers; the first unit whose cue fits wins below."""
        bare = _bare_scaled_candidates(sentence)
        if not bare:
            return []   # most sentences hold no bare 万 or 亿 number
        taken = [(c.quantity.start, c.quantity.end) for c in found]
        free = [c for c in bare if not any(c.quantity.start < e and s < c.quantity.end for s, e in taken)]
        chosen: dict[int, Candidate] = {}
        for candidate in free:
            q = candidate.quantity
            if q.start in chosen:
                continue
            decision = classify(q, Context.around(sentence, q.start, q.end), self.book)
            if decision is not None and decision.evidence == "cue":
                chosen[q.start] = candidate
        return list(chosen.values())

    @staticmethod
    def _keep(document: Document, row: dict, result: Extraction) -> None:
        row["measure"] = choose_measure(row["indicator"], row["subject"], period_kind(row.get("period") or ""),
                                        row.pop("sentence_before", ""))
        if document.pages:
            row["page"] = bisect.bisect_right(document.pages, row["start"])
        try:
            observation = Observation.model_validate(row)   # the same validation, no keywords unpacked
            observation.check_against(document.text)
            result.observations.append(observation)
        except (ValidationError, ValueError) as error:
            reason = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
            result.rejected.append(Rejected(
                source_file=row["source_file"], start=row["start"], end=row["end"],
                raw_text=row["raw_text"], indicator=row["indicator"], reason=reason))


def _article_facts(articles, years: YearResolver, index: int) -> tuple[str, int | None]:
    """The title and base year of a sentence's article ("" and None outside any)."""
    title = articles[index].title if 0 <= index < len(articles) else ""
    base_year = years.article_base_years[index] if 0 <= index < len(years.article_base_years) else None
    return title, base_year


def _counts_roc_years(view: str, scope: RegionScope) -> bool:
    """A page that counts years of the Republic of China: it names the calendar
    (民国112年) or is about a unit of Taiwan, where 113年 is 2024."""
    if "民国" in view:
        return True
    focus = scope.document_focus
    return focus is not None and TAIWAN in (focus.name, *focus.path)


def _local_currency(scope: RegionScope) -> str | None:
    """The currency 元 stands for on a page about Taiwan, Hong Kong or Macao (units.yaml)."""
    focus = scope.document_focus
    if focus is None:
        return None
    return next((LOCAL_CURRENCIES[name] for name in (focus.name, *focus.path) if name in LOCAL_CURRENCIES), None)


def _in_local_currency(result: Extraction, view: str, currency: str) -> None:
    """The page's amounts in 元 in its own currency, but for those with 人民币 written by them.
    Every indicator of money accepts every currency, so the rows stay valid."""
    result.observations = [
        o.model_copy(update={"unit": currency})
        if o.unit == "CNY" and "人民币" not in view[max(0, o.start - 4): o.end + 4] else o
        for o in result.observations]


def _without_structured_tables(view: str, document: Document) -> str:
    """The view with the lines of tables read as cells blanked (same length): the
    text-table reader must not read them a second time."""
    if not document.tables:
        return view
    pieces, position = [], 0
    for table in sorted(document.tables, key=lambda t: t.start):
        pieces += [view[position:table.start], regex.sub(r"[^\n]", " ", view[table.start:table.end])]
        position = table.end
    return "".join([*pieces, view[position:]])


def _prefer_table_cells(result: Extraction, prose_rows: int) -> None:
    """A table cell read as prose (5.0% on a table line) gives way to the
    cell read with its row and column (indicator, year, kind)."""
    cells = [(o.start, o.end) for o in result.observations[prose_rows:]]
    if not cells:
        return
    cells.sort()
    cell_starts = [start for start, _ in cells]

    def in_a_cell(observation) -> bool:
        index = bisect.bisect_right(cell_starts, observation.start) - 1
        return any(start < observation.end and observation.start < end
                   for start, end in cells[max(0, index - 1): index + 2])

    result.observations[:prose_rows] = [o for o in result.observations[:prose_rows] if not in_a_cell(o)]


SUBJECT_VERB_LEAD = regex.compile(r"^(?:实现|完成|共有|拥有|有|达到|累计|新增(?=[^\p{Han}]|$))+")


def _clean_subject(subject: str, region) -> str:
    """天河区实现地区生产总值 -> 地区生产总值: the region has its own column."""
    if region is not None:
        for name in (region.surface, region.region.name):
            if name and subject.startswith(name):
                subject = subject[len(name):]
    return SUBJECT_VERB_LEAD.sub("", subject) or subject


def _settled(mentions) -> list:
    return [m.region for m in mentions if m.region is not None and not m.region.unresolved]
