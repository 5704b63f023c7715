"""Decide which indicator a quantity measures, from the words around it.

The rule book says which cue words point to which indicator; this module
only measures where the cues sit. A cue after the measure word names the
counted thing (``400家企业``): Chinese noun phrases end in their head, so
the cue that ends last in that phrase wins. Otherwise the cue nearest before
the number wins (``企业增至10家``), then a cue anywhere earlier in the
sentence, then a fallback by unit. Ties go to the higher priority.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from extractors.catalog import (
    AVERAGE_LEADS, CLAUSE_BREAKS, COMPARISON_BASES, DIVISION_SUFFIXES, GROWTH_CUES, GROWTH_NOUNS, alternation,
)
from extractors.models import Quantity
from extractors.indicators.openings import cannot_match
from extractors.indicators.rulebook import ContextTest, KindMarker, Rule, RuleBook, Screen, Veto

# A comma or colon between digits (84,125人, 10:30) is part of a number, not a clause break.
_CLAUSE_BREAK = "|".join((f"[{regex.escape(CLAUSE_BREAKS.replace(',', '').replace(':', ''))}]",
                          r"(?<!\d)[,:]", r"[,:](?!\d)"))
CLAUSE_BREAK = regex.compile(_CLAUSE_BREAK)
LAST_CLAUSE_BREAK = regex.compile(f"(?r){_CLAUSE_BREAK}")   # searches from the end
# The noun phrase after a measure word ends at punctuation, at the next
# number, or at a verb that starts the predicate (unless a 的 follows it,
# which makes it part of a relative clause: 在展区展出的科技企业); a rank is a predicate too
# (以218.5亿元位居第一).
PHRASE_END = regex.compile(
    r"[，,；;：:。！？!?\d]|(?:参加|参与|加入|入驻|落户|获得|获评|获|实现|集中|亮相|参展|签约|开展|"
    r"举办|完成|带动|覆盖|齐聚|同时|提供|解决|帮助|达到|达|共|累计|分别|位居|位列|排名|排在|居于?(?=全|第|前|首))(?![^，。；]{0,12}的)"
)
# 园区共有27个团队: a cue before an existential verb names the container,
# not the thing counted, when a noun follows the measure word.
CONTAINER_GAP = regex.compile(r"(?:共|已|现|还|内)?(?:拥有|共有|建有|设有|有|集聚了?|聚集了?)")
# A Han character after a number that starts no noun: 12亿元中, 865.2亿元和…, 3亿元以上
# (的 does: 20万元的奖励 names what the money is), nor does a verb of rank (以7.6%领跑全市, 8.1%位居第一).
NOT_A_NOUN_AFTER = regex.compile(r"^(?:[和与及或中里内以之上下左前后起来等]|领跑|领先|位居|位列|居全|居首|排名|排在|列全)")
# A clause that holds nothing but a linking verb and the numbers listed with
# this one (达8.2%, 分别达到X亿元和Y亿元): what it measures was named before.
# The unit in scope, a time and 新增 may open it too (市场主体方面，全区达到12.3万户; …总数达到5.3万户，新增1.2万户).
LINK_ONLY = regex.compile(
    r"^(?:其中)?(?:全(?:区|市|县|省|镇|乡|街道)|年末|年底|全年|目前|截至目前|当年)?"
    r"(?:总数|总量|数量|均|也|都|则|分别|更是|已|共|累计|合计|总计|共计|新增|净增)*(?:达到了?|达|为|是|至|实现|突破|超过了?|超|逾|近|约|高达)?"
    r"(?:[\d.]+[^\d，,；;。、和及与]{0,4}[、和及与])*$")
NEW_ONES = regex.compile(r"新增|净增")
# 分别: the list before it (A、B和C: 和/及/与 join only its last item) and the
# values after it (达到X亿元、Y亿元和…), whose separators give a value's place.
LAST_LIST_JOIN = regex.compile(r"(?:以及|和|及|与)")
PLACE_ITEM = regex.compile(f"{alternation(DIVISION_SUFFIXES)}$")
VALUE_SEPARATOR = regex.compile(r"(?<=[\p{Han}%‰\d])[、和及与](?=[\d一二三四五六七八九十百千万亿]|$)")
VALUE_LISTED = regex.compile(r"(?:[\d.]+|[一二三四五六七八九十百千]+)[^\d、和及与]{0,4}[、和及与]")
# An item listed before with its figure in brackets: A区（52.3万人）、
LISTED_IN_BRACKETS = regex.compile(
    r"[^（）()、，,；;。]{0,12}[（(][^（）()，,；;。]{0,12}\d[^（）()，,；;。]{0,12}[）)][、和及与]")
# 从增速看， / 增幅方面， / 从总量上看，: a lead-in that names the measure of the clauses after it
MEASURE_LEAD_IN = regex.compile(
    r"(?:从|就)?(?P<measure>增速|增幅|增长速度|总量|规模)(?:上)?(?:看|来看|而言|方面)[，,]")
# A share that names nothing of its own: 占14.2%, 所占比重为…
BARE_SHARE = regex.compile(r"^(?:分别|约|其中)?(?:占|占比|所占比重|所占比例|比重|占比重"
                           r"|占(?:全\p{Han})?(?:常住|户籍|总)?人口(?:总数)?(?:的)?(?:比重|比例)?)(?:为|达到?|是)?$")
# An earlier rate of the sentence and the words that set a later one against it.
EARLIER_RATE = regex.compile(r"(?P<number>\d+(?:\.\d+)?)[%％]")
COMPARED_WITH = regex.compile(
    r"[^。；;]{0,24}?(?:高于|低于|不及|好于|快于|慢于|超过|超出|领先|落后于?|远在|远超|相比|对比)[^。；;]{0,16}$")
SUBJECT_LEAD = regex.compile(
    r"^(?:(?:截至)?(?:19|20)\d\d年(?:以来|底|末|初|度)?|今年(?:以来)?|去年|全年|目前|截至目前|其中|此外|同时|"
    r"全(?:区|市|县|省|镇)|该(?:区|市|县|镇|街道)|街道|已|共|累计|年均|平均|[，、\s“”‘’「」\"])+"
)
SUBJECT_TAIL = regex.compile(r"(?:达到|达|增至|增加到|突破|超过|超|逾|近|约|为|有|共|实现|完成|已|，|、)+$")


@dataclass(frozen=True)
class Context:
    """The sentence split around one quantity (all in normalised text)."""

    sentence_left: str
    clause_left: str
    clause_right: str
    sentence_right: str
    # What was read off this context once (the last subject before it): several rules ask for it.
    known: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def around(cls, sentence: str, start: int, end: int) -> "Context":
        left, right = sentence[:start], sentence[end:]
        last_break = LAST_CLAUSE_BREAK.search(left)
        clause_left = left[last_break.end():] if last_break else left
        stop = CLAUSE_BREAK.search(right)
        clause_right = right[: stop.start()] if stop else right
        return cls(left, clause_left, clause_right, right)

    @property
    def earlier_clauses(self) -> str:
        return self.sentence_left[: len(self.sentence_left) - len(self.clause_left)]

    @property
    def noun_phrase_after(self) -> str:
        stop = PHRASE_END.search(self.clause_right)
        return self.clause_right[: stop.start()] if stop else self.clause_right


@dataclass(frozen=True)
class Decision:
    rule: Rule
    subject: str
    evidence: str = "cue"     # cue (a word before or after), topic, previous_clause, sentence, or fallback (the unit alone)


# The last guard against a pattern that backtracks without end: a rule search
# that takes longer than this counts as no match and is reported.
RULE_TIMEOUT_SECONDS = 0.25
rule_timeouts: Counter[str] = Counter()


def _guarded(pattern: regex.Pattern, how: str, text: str, pos: int = 0):
    if cannot_match(pattern, how, text, pos):
        return None
    try:
        return getattr(pattern, how)(text, pos, timeout=RULE_TIMEOUT_SECONDS)
    except TimeoutError:
        rule_timeouts[pattern.pattern[:40]] += 1
        return None


def _text_read(source: str, quantity: Quantity, ctx: Context) -> str:
    """The text a check reads (``ContextTest.checks``): the number as written, or a part of the context."""
    return quantity.raw_text if source == "raw" else getattr(ctx, source)


def _context_passes(test: ContextTest, quantity: Quantity, ctx: Context) -> bool:
    """The shared conditions of vetoes and kind markers: every named pattern matches."""
    checks = test.checks
    if not checks:
        return False
    for pattern, source, how in checks:
        if not _guarded(pattern, how, _text_read(source, quantity, ctx)):
            return False
    return not (test.not_before and _guarded(test.not_before, "search", ctx.clause_left))


def _may_pass(screen: Screen | None, quantity: Quantity, ctx: Context) -> bool:
    if screen is None:
        return True
    for pattern, source, how in screen.checks:
        text = _text_read(source, quantity, ctx)
        if cannot_match(pattern, how, text):
            continue
        try:
            if getattr(pattern, how)(text, timeout=RULE_TIMEOUT_SECONDS):
                return True
        except TimeoutError:
            return True     # the tests one by one decide, and report their own timeouts
    return False


def vetoed_by(quantity: Quantity, ctx: Context, vetoes: list[Veto], screen: Screen | None = None) -> Veto | None:
    """The first veto that holds; ``screen`` (the vetoes' ``Screen``) skips the search when none can."""
    if not _may_pass(screen, quantity, ctx):
        return None
    return next((v for v in vetoes if _context_passes(v.context, quantity, ctx)), None)


def kind_of(quantity: Quantity, ctx: Context, kinds: list[KindMarker], screen: Screen | None = None,
            year: int | None = None, written_year: int | None = None, plan_section: bool = False) -> str:
    """``year`` is the figure's, ``written_year`` the page's: 预计 of a year already
    over when the page was written (a January report on last year) is a fact.
    ``plan_section``: the figure stands under a heading of plans."""
    marker = None
    if _may_pass(screen, quantity, ctx):
        marker = next((k for k in kinds if _context_passes(k.context, quantity, ctx)), None)
    if marker is None and plan_section:
        marker = next((k for k in kinds if k.plan_section and not (
            k.context.not_before and _guarded(k.context.not_before, "search", ctx.clause_left))), None)
    if marker is None:
        # 2026年，全市城镇化率将提高到65% on a page of 2024: what is not yet over cannot have been reached
        return "target" if year is not None and written_year is not None and year > written_year else "fact"
    if marker.fact_when_past and year is not None and written_year is not None and year < written_year:
        return "fact"
    return marker.kind


def _last_match_end(pattern: regex.Pattern, text: str) -> regex.Match | None:
    """The last of the matches that do not overlap (finditer's default: each keyword
    it is passed costs as much as a search of a short clause)."""
    last = None
    if cannot_match(pattern, "finditer", text):
        return last
    try:
        for last in pattern.finditer(text, timeout=RULE_TIMEOUT_SECONDS):
            pass
    except TimeoutError:
        rule_timeouts[pattern.pattern[:40]] += 1
    return last


def measure_word(quantity: Quantity) -> str:
    """The measure word without a multiplier: 万家 -> 家, 万人次 -> 人次."""
    return quantity.measure.lstrip("十百千万亿") or quantity.measure


def _last_subject(ctx: Context, book: RuleBook) -> str | None:
    key = ("last subject", book.subjects)
    if key not in ctx.known:
        last = _last_match_end(book.subjects, ctx.earlier_clauses)
        ctx.known[key] = last.group() if last else None
    return ctx.known[key]


def _fits(rule: Rule, ctx: Context, book: RuleBook) -> bool:
    """The rule's conditions on the context besides its cue words."""
    test = rule.context
    if test.sentence and not _guarded(test.sentence, "search", ctx.sentence_left):
        return False
    if test.not_sentence and _guarded(test.not_sentence, "search", ctx.sentence_left):
        return False
    if test.not_before and _guarded(test.not_before, "search", ctx.clause_left):
        return False
    if test.not_after and _guarded(test.not_after, "match", ctx.clause_right):
        return False
    if test.topic is not None:
        subject = _last_subject(ctx, book)
        if subject is None or not test.topic.fullmatch(subject):
            return False
    return True


def classify(quantity: Quantity, ctx: Context, book: RuleBook) -> Decision | None:
    """The rule that claims the quantity, with the subject words it found.

    A clause that names no subject of its own and finds only a fallback is
    about the last subject named before it (投资286.4亿元，五年累计完成1187.2亿元).
    """
    respective = respective_decision(quantity, ctx, book)
    if respective is not None:
        return respective
    decision = _classify(quantity, ctx, book)
    if decision is not None and BARE_SHARE.match(ctx.clause_left):
        return _share_of_previous_clause(quantity, ctx, book) or decision
    if decision is not None and decision.evidence != "fallback":
        return _with_topic_subject(decision, ctx, book)
    if _names_counted_thing(ctx.noun_phrase_after):
        return decision     # 18个示范社区: the counted thing is named after the number
    return (_from_topic(quantity, ctx, book) or _from_previous_clause(quantity, ctx, book)
            or _from_compared_rate(quantity, ctx, book) or decision)


def respective_decision(quantity: Quantity, ctx: Context, book: RuleBook) -> Decision | None:
    """``地区生产总值、财政总收入分别达到X亿元和Y亿元``: the i-th value after 分别
    measures the i-th item of the list before it.

    A list of places (``A区、B区GDP分别增长…``) leaves the value to the usual
    reading, and so does an item with no cue of its own (城镇和农村居民收入:
    the head noun is shared) or one that adds nothing to what the words after
    分别 say alone."""
    at = ctx.clause_left.rfind("分别")
    if at < 0:
        return None
    head, after = ctx.clause_left[:at], ctx.clause_left[at:]
    items = head.split("、")
    items[-1:] = LAST_LIST_JOIN.split(items[-1], maxsplit=1)
    position = len(VALUE_SEPARATOR.findall(after))
    if len(items) < 2 or position >= len(items) or not items[position] or any(map(PLACE_ITEM.search, items)):
        return None
    verb = VALUE_LISTED.sub("", after)
    item = items[position]
    decision = _classify(quantity, _with_clause_left(ctx, item + verb), book)
    if decision is None or decision.evidence != "cue":
        return None
    if not book.subjects.search(item):
        alone = _classify(quantity, _with_clause_left(ctx, verb), book)
        if alone is not None and alone.rule is decision.rule:
            return None
    return decision


def _with_clause_left(ctx: Context, clause_left: str) -> Context:
    return Context(ctx.earlier_clauses + clause_left, clause_left, ctx.clause_right, ctx.sentence_right)


def _from_compared_rate(quantity: Quantity, ctx: Context, book: RuleBook) -> Decision | None:
    """``增长率3.8%却远不及B地的14.2%``, ``增长7.9%，高于全省（5.6%）``: a rate
    with no cue of its own, set against an earlier rate of the sentence, measures
    the same thing."""
    if quantity.unit != "percent":
        return None
    against = [m for m in EARLIER_RATE.finditer(ctx.sentence_left) if COMPARED_WITH.match(ctx.sentence_left, m.end())]
    if not against:
        return None
    earlier = against[-1]
    head = ctx.sentence_left[: earlier.start()]
    last_break = LAST_CLAUSE_BREAK.search(head)
    compared = Quantity(start=earlier.start(), end=earlier.end(), raw_text=earlier.group(),
                        value=float(earlier.group("number")), unit="percent", measure="%")
    around = Context(head, head[last_break.end():] if last_break else head, "", "")
    retry = classify(compared, around, book)
    if retry is None or retry.evidence in ("fallback", "sentence"):
        return None
    return Decision(retry.rule, retry.subject, "comparison")


def _names_counted_thing(phrase: str) -> bool:
    return phrase[:1].isalpha() and not NOT_A_NOUN_AFTER.match(phrase)


def _from_topic(quantity: Quantity, ctx: Context, book: RuleBook) -> Decision | None:
    subject = _last_subject(ctx, book)
    if subject is None or book.subjects.search(ctx.clause_left):
        return None
    # 从人口看，A区（52.3万人）、B区（: the figures listed before this one stand between it and the topic
    clause_left = LISTED_IN_BRACKETS.sub("", ctx.clause_left)
    inherited = Context(ctx.sentence_left, subject + _measure_lead_in(ctx) + clause_left,
                        ctx.clause_right, ctx.sentence_right)
    retry = _classify(quantity, inherited, book)
    return Decision(retry.rule, retry.subject, "topic") if retry is not None and retry.evidence == "cue" else None


def _measure_lead_in(ctx: Context) -> str:
    """The measure a lead-in names after the topic (…生产总值402.5亿元。从增速看，A县以7.6%领跑):
    the topic's growth, not its level, is what the clause's figures measure."""
    lead_in = _last_match_end(MEASURE_LEAD_IN, ctx.earlier_clauses)
    return lead_in.group("measure") if lead_in is not None else ""


def _share_of_previous_clause(quantity: Quantity, ctx: Context, book: RuleBook) -> Decision | None:
    """``0-14岁人口为9.8万人，占14.2%``: a bare share is the share of what the
    clause before it counted; read the two clauses as one."""
    earlier = ctx.earlier_clauses
    previous = earlier[: len(earlier) - 1]
    last_break = LAST_CLAUSE_BREAK.search(previous)
    joined = (previous[last_break.end():] if last_break else previous) + ctx.clause_left
    retry = _classify(quantity, Context(ctx.sentence_left, joined, ctx.clause_right, ctx.sentence_right), book)
    return Decision(retry.rule, retry.subject, "previous_clause") if retry is not None and retry.evidence == "cue" else None


def _from_previous_clause(quantity: Quantity, ctx: Context, book: RuleBook) -> Decision | None:
    """``生产总值增速位居全市第一，达8.2%``: a clause that only links a number to
    what the clause before it named reads the cue there, as if the number
    closed that clause."""
    if not LINK_ONLY.match(ctx.clause_left):
        return None
    earlier = ctx.earlier_clauses[:-1]
    last_break = LAST_CLAUSE_BREAK.search(earlier)
    previous = earlier[last_break.end():] if last_break else earlier
    if not previous:
        return None
    retry = _classify(quantity, Context(earlier, previous, ctx.clause_right, ctx.sentence_right), book)
    if retry is None or retry.evidence != "cue":
        return None
    # …市场主体总数5.3万户，新增1.2万户: the new ones of what the clause before counted
    added = NEW_ONES.search(ctx.clause_left)
    return Decision(retry.rule, retry.subject + (added.group() if added else ""), "previous_clause")


# 增长4.1% after 第一产业增加值28.4亿元: a growth word alone names no subject of its own.
BARE_GROWTH_SUBJECT = regex.compile(
    f"^{alternation((*COMPARISON_BASES, *AVERAGE_LEADS))}?"
    f"{alternation((*GROWTH_NOUNS, *GROWTH_CUES))}(?:率)?$")


def _with_topic_subject(decision: Decision, ctx: Context, book: RuleBook) -> Decision:
    """``…营收12亿元，增长8%``: the subject of the growth is what was named before it."""
    if not BARE_GROWTH_SUBJECT.match(decision.subject):
        return decision
    topic = _last_subject(ctx, book)
    return Decision(decision.rule, f"{topic}{decision.subject}", decision.evidence) if topic else decision


def _classify(quantity: Quantity, ctx: Context, book: RuleBook) -> Decision | None:
    """The rule whose cue wins (module docstring), with its subject words. The evidence is tried strongest
    first, and a rule's other conditions only once its cue is found: most cues are absent, and a cue
    after the number settles the rule before any cue before it is searched."""
    phrase = ctx.noun_phrase_after
    measure = measure_word(quantity)
    rules = [rule for rule in book.rules_by_unit.get(quantity.unit, ())
             if rule.measures is None or measure in rule.measures]
    fitting = _Fitting(ctx, book)
    after = _cue_after(rules, phrase, fitting)
    if after is not None:
        return _decided(after[0], phrase[: after[1].end()], ctx)
    before = _cue_before(rules, ctx, phrase, fitting)
    if before is not None:
        return _decided(before[0], _subject_before(ctx.clause_left, before[1]), ctx)
    sentence = next((rule for rule in rules if rule.reads_sentence_only and fitting(rule)), None)
    if sentence is not None:
        return _decided(sentence, _subject_before(ctx.clause_left, None), ctx, "sentence")
    fallback = next((rule for rule in rules if rule.fallback and not rule.reads_sentence_only and fitting(rule)), None)
    return _decided(fallback, _subject_default(ctx), ctx, "fallback") if fallback is not None else None


def _decided(rule: Rule, subject: str, ctx: Context, evidence: str = "cue") -> Decision:
    return Decision(rule, subject.strip() or _subject_default(ctx), evidence)


class _Fitting:
    """Whether a rule's conditions besides its cue hold (``_fits``) in one
    context: worked out at most once per rule, and only when asked."""

    def __init__(self, ctx: Context, book: RuleBook):
        self.ctx, self.book, self.known = ctx, book, {}

    def __call__(self, rule: Rule) -> bool:
        if rule.id not in self.known:
            self.known[rule.id] = _fits(rule, self.ctx, self.book)
        return self.known[rule.id]

    def failed(self, rule: Rule) -> bool:
        return self.known.get(rule.id) is False


def _cue_after(rules: list[Rule], phrase: str, fitting: _Fitting) -> tuple[Rule, regex.Match] | None:
    """The fitting rule whose cue in the noun phrase after the number ends last (the head noun); ties to the first."""
    best, best_end = None, -1
    for rule in rules:
        if rule.context.after is None or not (phrase or rule.context.after_matches_empty):
            continue
        match = _guarded(rule.context.after, "search", phrase)
        if match and match.start() <= rule.after_gap and match.end() > best_end and fitting(rule):
            best, best_end = (rule, match), match.end()
    return best


def _cue_before(rules: list[Rule], ctx: Context, phrase: str, fitting: _Fitting) -> tuple[Rule, regex.Match] | None:
    """The fitting rule whose cue ends nearest before the number, within its gap; ties to the first. A later
    rule must come strictly nearer, and none can beat a cue right before the number: the rest are not read."""
    best, best_distance = None, None
    for rule in rules:
        if rule.context.before is None or fitting.failed(rule):
            continue
        match = _last_match_end(rule.context.before, ctx.clause_left)
        if not match or (phrase[:1].isalpha() and CONTAINER_GAP.match(ctx.clause_left, match.end())):
            continue
        distance = len(ctx.clause_left) - match.end()
        if distance <= rule.gap and (best is None or distance < best_distance) and fitting(rule):
            best, best_distance = (rule, match), distance
            if distance == 0:
                break
    return best


def _subject_before(clause_left: str, match: regex.Match | None) -> str:
    text = clause_left[: match.end()] if match else clause_left
    text = SUBJECT_LEAD.sub("", text)
    return SUBJECT_TAIL.sub("", text)[-30:]


def _subject_default(ctx: Context) -> str:
    phrase = ctx.noun_phrase_after.strip()
    return phrase[:20] if phrase else _subject_before(ctx.clause_left, None)
