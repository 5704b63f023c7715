"""Which administrative unit a figure describes.

Evidence, nearest first: the unit that owns the figure by 的 or brackets
(``余姚的19.7%``, ``全省（6.3%）``); the name a ``分别`` list aligns with the
figure (``甲区、乙区分别实现5亿元、3亿元``); a unit named in the figure's
clause before it (the last one, so ``杭州市上城区小营街道`` gives the street);
a referring word in that clause (全区, 该街道, 全市, 我省); a unit named later
in the same clause (``3个项目落户某区``); a unit that opens an earlier clause
of the sentence (its subject); the unit whose official speaks a quotation (“…20余个。”某街道相关
负责人介绍); the paragraph's topic, else the article's home unit (``home``).
A unit merely named in an earlier sentence (not its subject) takes nothing.

Referring words resolve against the unit in scope (the paragraph's topic,
else the home unit) and its chain: that unit, its nearest ancestor of the
right level, a unit inside it named before; ``该区``, ``该街道`` point back
at the unit just named.

Names that are no evidence: a comparison base (占全市的五分之一), a name inside
an organisation's name (杭州联合银行, 浙江大学), a unit compared with or
visited (``frames``), and a city named just before its district (杭州市滨江区).
A city or province named in passing does not displace the district an
article is about unless it stands in the figure's own clause.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from extractors.models import Article, Sentence
from extractors.regions.aliases import TOWN_SUFFIXES
from extractors.regions.frames import compile_pattern, load_frames
from extractors.regions.gazetteer import Gazetteer, Region
from extractors.regions.home import (
    ANAPHORIC_PREFIX, REFERRING, ZONE_BEFORE_BRACKET, HomeModel, fits, headline_unit, more_specific_in_chain,
    organisations_unit,
)
from extractors.regions.mentions import RegionMention

_FRAMES = load_frames()
# 占全市的五分之一, 高于全省: the name after these words is a yardstick.
COMPARISON_BASE = _FRAMES.yardstick_before
# A name followed by an organisation word, Latin letters (香港WEB3 HUB) or a
# quoted programme name (某区“金靴奔跑”项目) names that thing, not a scope.
ORGANISATION_AFTER = _FRAMES.organisation_after
ORGANISATION_REACH = _FRAMES.organisation_reach     # how far after the name ORGANISATION_AFTER may look
# A name in brackets right after other words (物产中大(浙江)数字贸易) or in
# book-title marks (《钱塘里》) is part of a name.
INSIDE_NAME_BEFORE = regex.compile(r"(?:\p{Han}[（(]|《[^》]{0,12})$")
SHARE_AFTER = compile_pattern(
    r"(?:全[市区省县国]|[市区省县])?(?:的)?(?:超过|超|近|约|不足|不到|逾)?"
    r"(?:\d+(?:\.\d+)?\s*[%％‰]|\d+/\d+|[一二三四五六七八九十百千]+分之|[一二三四五六七八九]成|一半)")
LOCATED_IN = compile_pattern(r"(?:位于|坐落于|地处|落户)$")
PLACE_AFTER = regex.compile(
    r"的(?P<place>[\p{Han}A-Za-z0-9·]{2,14}?(?:园区|产业园|科技园|工业园|园|基地|大厦|中心|广场|小镇|街区|商圈|商务区|新城|片区|楼|港|谷|开发区|高新区))")
# 余姚的19.7%, 全省（6.3%）: a unit written right before its own figure.
OWNER_GAP = compile_pattern(r"(?:的|[（(])(?:约|近|超|达|为)?$")
OWNS_NEXT_FIGURE = compile_pattern(r"(?:的|[（(])(?:约|近|超|达|为)?\d")
SHARE_VERB_BEFORE = compile_pattern(r"(?:占|不足|不到|超过|相当于)全?$")
# 分别: the values after it, one per name of the list before it.
RESPECTIVELY = "分别"
LIST_SEPARATOR = compile_pattern(r"^[、和及与,，]$")
VALUE_NUMBER = compile_pattern(r"\d+(?:[.．]\d+)?")
VALUE_GAP = compile_pattern(r"^[^，,。；;！？!?]{0,10}$")
SPEAKER_AFTER = compile_pattern(r"^[”’\"」』]")
# COMPARISON_BASE, LOCATED_IN and INSIDE_NAME_BEFORE end in ``$``: a match
# ends at the end of the searched text or just before a newline ending it.
# A text whose last character cannot end a match is not searched (most are not).
_COMPARISON_BASE_LAST = _FRAMES.yardstick_last
_LOCATED_IN_LAST = frozenset("于处户\n")
_INSIDE_NAME_LAST = frozenset("（(\n")
_CLOSING_QUOTES = frozenset("”’\"」")
# ORGANISATION_AFTER starts with one of these, or has an organisation word
# start within its first nine characters (after at most eight Han ones).
_ORGANISATION_LEAD = _FRAMES.organisation_lead
_ORGANISATION_WORD_FIRST = _FRAMES.organisation_word_first
_ORGANISATION_WORD = _FRAMES.organisation_word
# Every referring word holds one of these: a clause without them holds none.
_REFERRING_CHARACTERS = frozenset("区县市省镇乡街")
SPEAKER_ROLE = compile_pattern(r"[^，。；“”]{0,14}?(?:负责人|书记|主任|局长|区长|县长|市长|镇长|部长|站长|说|介绍|表示)")

# 我区, 本县, 全市: words by which a page names its own unit (区内, 辖区 only say "within")
SELF_PREFIXES = "我本全"


def _ends_in_comparison_base(before: str) -> bool:
    """``COMPARISON_BASE.search(before)``, searching only where it can match."""
    return bool(before) and before[-1] in _COMPARISON_BASE_LAST and bool(COMPARISON_BASE.search(before))


def _ends_inside_name(before: str) -> bool:
    """``INSIDE_NAME_BEFORE.search(before)``, searching only where it can match."""
    return bool(before) and (before[-1] in _INSIDE_NAME_LAST or "《" in before) and bool(INSIDE_NAME_BEFORE.search(before))


def _organisation_after(text: str, end: int) -> bool:
    """``ORGANISATION_AFTER.match(text, end, end + ORGANISATION_REACH)``, matching only where it can (a quarter of names)."""
    window = text[end:end + ORGANISATION_REACH - 3]
    if not window:
        return False
    if window[0] not in _ORGANISATION_LEAD and (_ORGANISATION_WORD_FIRST.isdisjoint(window)
                                               or not _ORGANISATION_WORD.search(text, end, end + ORGANISATION_REACH)):
        return False    # no Latin letter or quote right after the name, and no organisation word in reach
    return bool(ORGANISATION_AFTER.match(text, end, end + ORGANISATION_REACH))


def _located_in_before(text: str, start: int) -> bool:
    """``LOCATED_IN.search`` in the four characters before ``start``, only where it can match."""
    return start > 0 and text[start - 1] in _LOCATED_IN_LAST and bool(LOCATED_IN.search(text, max(0, start - 4), start))


# The weakest evidence for a figure's unit: nothing near it names one, the article's focus is taken.
AT_FOCUS = "focus of the article"


@dataclass(frozen=True)
class ResolvedRegion:
    region: Region
    surface: str
    evidence: str


class RegionScope:
    def __init__(self, text: str, mentions: list[RegionMention], articles: list[Article],
                 sentences: list[Sentence], gazetteer: Gazetteer, title_mentions: list[RegionMention] = (),
                 given_region: Region | None = None):
        self.text = text
        self.gazetteer = gazetteer
        named, self._organisation_units, zones = [], [], set()
        for m in mentions:
            if m.region is None:
                continue
            if self._names_a_zones_unit(m):
                named.append(m)
                zones.add(m.start - 1)
            elif not self._is_organisation(m):
                named.append(m)
            else:
                self._organisation_units.append(m.region)
        named = [m for m in named if m.end not in zones]
        places = self._place_mentions(named)
        # 位于临平区的杭州余杭经济技术开发区: the 余杭 inside the place's name is no mention of its own
        named = [m for m in named if not any(p.start <= m.start and m.end <= p.end for p in places)]
        self.mentions = sorted(named + places, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        # per mention: a comparison base, visited or compared with (no evidence)
        self._excluded = [self._is_comparison_base(m) or _FRAMES.kind_of(text, m.start, m.end) is not None
                          for m in self.mentions]
        self._frame_the_rest_of_lists()
        # per mention, worked out on first use: is it a share base?
        self._share: list[bool | None] = [None] * len(self.mentions)
        self.articles = articles
        self.paragraph_start: dict[int, int] = {}
        for s in sentences:
            self.paragraph_start.setdefault(s.paragraph, s.start)
        self.home = HomeModel(text, self.mentions, self._excluded, sentences, gazetteer, _FRAMES)
        self.given_region = given_region
        # The unit the user gives, made more specific by the manifest title (杭州市钱塘区2024年…报告)
        self.title_focus = more_specific_in_chain(given_region, headline_unit(list(title_mentions), gazetteer),
                                                  gazetteer)
        self.article_focus = [self._article_focus(i) for i in range(len(articles))]
        self.document_focus = self._document_focus()

    def _frame_the_rest_of_lists(self) -> None:
        """赴深圳市、东莞市考察, 与甲县、乙县相比: a frame caught on a list's first
        name holds for the names listed right after it."""
        for i in range(1, len(self.mentions)):
            before, mention = self.mentions[i - 1], self.mentions[i]
            if (self._excluded[i - 1] and not self._excluded[i] and mention.start - before.end == 1
                    and LIST_SEPARATOR.match(self.text[before.end:mention.start])):
                self._excluded[i] = True

    # -- places the text puts inside a unit ----------------------------------
    def _place_mentions(self, named: list[RegionMention]) -> list[RegionMention]:
        """``位于丁兰街道的西子智慧产业园``: later mentions of the place stand for the unit."""
        places: dict[str, Region] = {}
        for mention in named:
            if not _located_in_before(self.text, mention.start):
                continue
            place = PLACE_AFTER.match(self.text, mention.end, mention.end + 20)
            if place:
                places.setdefault(place.group("place"), mention.region)
        found = []
        for name, region in places.items():
            for match in regex.finditer(regex.escape(name), self.text):
                found.append(RegionMention(match.start(), match.end(), name, region, (region,), False, "place"))
        return found

    # -- which names count -------------------------------------------------
    def _is_organisation(self, mention: RegionMention) -> bool:
        if _ends_inside_name(self.text[max(0, mention.start - 13): mention.start]):
            return True
        return _organisation_after(self.text, mention.end)

    def _names_a_zones_unit(self, mention: RegionMention) -> bool:
        """``（某某区）`` right after a development zone's name."""
        return (mention.end < len(self.text) and self.text[mention.end] in "）)"
                and bool(ZONE_BEFORE_BRACKET.search(self.text, max(0, mention.start - 4), mention.start)))

    def _is_comparison_base(self, mention: RegionMention) -> bool:
        return _ends_in_comparison_base(self.text[max(0, mention.start - 4): mention.start])

    def _is_share_base(self, end: int) -> bool:
        return bool(SHARE_AFTER.match(self.text, end, end + 16))

    def _is_share_base_at(self, index: int) -> bool:
        """``_is_share_base`` after ``self.mentions[index]``, remembered."""
        known = self._share[index]
        if known is None:
            known = self._share[index] = self._is_share_base(self.mentions[index].end)
        return known

    def _indexes_between(self, start: int, end: int) -> range:
        """Indexes of the mentions starting in [start, end)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def _between(self, start: int, end: int) -> list[RegionMention]:
        mentions = self.mentions
        return [mentions[i] for i in self._indexes_between(start, end)
                if mentions[i].end <= end and not self._excluded[i]]

    def _first_between(self, start: int, end: int) -> RegionMention | None:
        """``_between(start, end)[0]``, or None: without collecting the rest."""
        for index in self._indexes_between(start, end):
            m = self.mentions[index]
            if m.end <= end and not self._excluded[index]:
                return m
        return None

    def _last_between(self, start: int, end: int, keep=None, keep_index=None) -> RegionMention | None:
        """The last of ``_between(start, end)`` that ``keep`` (given the mention)
        and ``keep_index`` (given its index) accept, found from the end (a
        paragraph as long as a page would make collecting them all quadratic)."""
        for index in reversed(self._indexes_between(start, end)):
            m = self.mentions[index]
            if (m.end <= end and not self._excluded[index]
                    and (keep is None or keep(m)) and (keep_index is None or keep_index(index))):
                return m
        return None

    # -- home unit of an article and of the document -----------------------
    def _article_focus(self, index: int) -> Region | None:
        article = self.articles[index]
        head_end = article.title_end if article.title_end >= 0 else article.start
        in_head = self.home.headline_unit(article.start, max(head_end, article.start))
        if in_head is not None:
            return more_specific_in_chain(self.title_focus, in_head, self.gazetteer)
        if self.title_focus is not None:
            return self.title_focus
        return self.home.opening_subject(article) or self.home.weighted_choice(article.start, article.end)

    def _document_focus(self) -> Region | None:
        if self.title_focus is not None:
            return self.title_focus
        for region in self.article_focus:
            if region is not None:
                return region
        return self.home.weighted_choice(0, len(self.text)) or organisations_unit(self.text, self._organisation_units)

    def _is_ancestor_of(self, region: Region, unit: Region | None) -> bool:
        return unit is not None and region.key != unit.key and region.key == unit.path[: len(region.key)]

    def focus(self, article: int) -> Region | None:
        if 0 <= article < len(self.article_focus) and self.article_focus[article] is not None:
            return self.article_focus[article]
        return self.document_focus

    def unit_in_scope(self, position: int, paragraph_start: int, article: int) -> Region | None:
        """The paragraph's topic before ``position``, else its section's, else the article's home unit."""
        topic = self.home.topic_before(position, paragraph_start)
        if topic is not None:
            return topic.region
        lo = self.articles[article].start if 0 <= article < len(self.articles) else 0
        return self.home.section_topic_before(position, lo) or self.focus(article)

    # -- referring words ---------------------------------------------------
    def _refer(self, word: str, position: int, article: int, paragraph_start: int) -> Region | None:
        """The unit a referring word points at.

        ``该区``: the latest fitting unit named. The others: the unit in scope
        and its ancestors, nearest first; then a unit inside it named before;
        then the latest fitting unit named.
        """
        lo = self.articles[article].start if 0 <= article < len(self.articles) else 0
        named = self._between(lo, position)
        in_scope = self.unit_in_scope(position, paragraph_start, article)
        if not word.startswith(ANAPHORIC_PREFIX) and in_scope is not None:
            for unit in [in_scope, *self.gazetteer.ancestors(in_scope)]:
                if fits(word, unit):
                    return unit
            for mention in reversed(named):
                if fits(word, mention.region) and self.gazetteer.is_within(mention.region, in_scope):
                    return mention.region
        candidates = [m.region for m in reversed(named)]
        if in_scope is not None:
            candidates.append(in_scope)
        for region in candidates:
            for unit in [region, *self.gazetteer.ancestors(region)]:
                if fits(word, unit):
                    return unit
        # 全县 on a page of the user's county about a town the data cannot place
        if self.given_region is not None:
            for unit in [self.given_region, *self.gazetteer.ancestors(self.given_region)]:
                if fits(word, unit):
                    return unit
        # 我区 on a page that names its district only in a byline (来源：某区融媒体中心)
        for unit in reversed(self._organisation_units):
            if fits(word, unit):
                return unit
        return None

    def _names_another_kind(self, word: str, position: int, article: int, paragraph_start: int) -> bool:
        """我区, 本县, 全镇: the page's own unit, of a kind the unit in scope is not (a 区 where a 市 is in scope)."""
        if word[0] not in SELF_PREFIXES:
            return False
        in_scope = self.unit_in_scope(position, paragraph_start, article)
        if in_scope is None or in_scope.name.endswith(word[1:]):
            return False
        # 全街道 on a page about a 镇 of the data: a town made a street since, not another unit
        return not (in_scope.level == "town" and word[1:] in TOWN_SUFFIXES)

    # -- the figure's region -----------------------------------------------
    def resolve(self, position: int, end: int, clause_start: int, clause_end: int,
                sentence: Sentence, article: int) -> ResolvedRegion | None:
        paragraph_start = self.paragraph_start.get(sentence.paragraph, sentence.start)
        owner = self._owner(position, clause_start, article, paragraph_start)
        if owner is not None:
            return owner
        aligned = self._aligned_by_respectively(position, sentence)
        if aligned is not None:
            return ResolvedRegion(aligned.region, aligned.surface, "aligned by 分别")
        clause_text = self.text[clause_start:position]
        # 不足深圳全市1/10, 全市超过1/4: a unit right before a share is its base
        last_named = self._last_between(clause_start, position,
                                        keep_index=lambda index: not self._is_share_base_at(index))
        last_word = self._last_referring_word(clause_text, clause_start)
        if last_named is not None or last_word is not None:
            if last_word is not None and (last_named is None or clause_start + last_word.start() >= last_named.end):
                region = self._refer(last_word.group(1), clause_start + last_word.start(), article, paragraph_start)
                if region is not None:
                    return ResolvedRegion(region, last_word.group(1), "referring word in clause")
                if last_named is None and self._names_another_kind(last_word.group(1), position, article,
                                                                   paragraph_start):
                    return None     # 我区 on a page about a city: no unit rather than one of the wrong kind
            if last_named is not None:
                return ResolvedRegion(last_named.region, last_named.surface, "named in clause")
        later = self._first_between(end, clause_end)
        if later is not None and OWNS_NEXT_FIGURE.match(self.text, later.end):
            later = None    # 增长10.9%，高于江北的4.5%: 江北 owns the next figure, not this one
        if later is not None:
            return ResolvedRegion(later.region, later.surface, "named later in clause")
        in_scope = self.unit_in_scope(position, paragraph_start, article)
        earlier = self._last_between(sentence.start, clause_start,
                                     lambda m: not self._is_ancestor_of(m.region, in_scope),
                                     keep_index=self.home.subjects.__contains__)
        if earlier is not None:
            return ResolvedRegion(earlier.region, earlier.surface, "named in sentence")
        # 全县新增企业320家，增长12%: a referring word opening the sentence holds its later clauses
        opening = self._last_referring_word(self.text[sentence.start:clause_start], sentence.start)
        if opening is not None and self.home.frames.subject_lead.fullmatch(
                self.text[sentence.start:sentence.start + opening.start()].strip()):
            region = self._refer(opening.group(1), sentence.start + opening.start(), article, paragraph_start)
            if region is not None:
                return ResolvedRegion(region, opening.group(1), "referring word opening the sentence")
            if self._names_another_kind(opening.group(1), position, article, paragraph_start):
                return None
        speaker = self._quotation_speaker(end, sentence)
        if speaker is not None:
            return ResolvedRegion(speaker.region, speaker.surface, "speaker of the quotation")
        if in_scope is not None:
            return ResolvedRegion(in_scope, "", AT_FOCUS)
        return None

    def _owner(self, position: int, clause_start: int, article: int, paragraph_start: int) -> ResolvedRegion | None:
        """``余姚的19.7%``, ``全省（6.3%）``: the unit written right before its figure."""
        gap = OWNER_GAP.search(self.text, max(clause_start, position - 4), position)
        if gap is None:
            return None
        name_end = gap.start()
        index = bisect.bisect_left(self.starts, name_end) - 1
        if index >= 0 and self.mentions[index].end == name_end and self.mentions[index].start >= clause_start:
            mention = self.mentions[index]
            if self._is_share_of(mention.start, mention.end):
                return None
            return ResolvedRegion(mention.region, mention.surface, "owner of the figure")
        word = REFERRING.search(self.text, max(clause_start, name_end - 3), name_end)
        if word is None or word.end() != name_end or self._is_share_of(word.start(), word.end()):
            return None
        region = self._refer(word.group(1), word.start(), article, paragraph_start)
        return ResolvedRegion(region, word.group(1), "owner of the figure") if region is not None else None

    def _is_share_of(self, start: int, end: int) -> bool:
        """``占全市的23%``, ``超过全省的四分之一``: the unit is the whole a share is of."""
        return bool(SHARE_VERB_BEFORE.search(self.text, max(0, start - 4), start)) and self._is_share_base(end)

    def _aligned_by_respectively(self, position: int, sentence: Sentence) -> RegionMention | None:
        """``甲区、乙区和丙区分别实现5亿元、3亿元、2亿元``: the i-th value goes to the i-th name."""
        respectively = self.text.rfind(RESPECTIVELY, sentence.start, position)
        if respectively < 0:
            return None
        values = self._values_after(respectively + len(RESPECTIVELY), sentence.end)
        index = next((i for i, (start, end) in enumerate(values) if start <= position < end), None)
        if index is None:
            return None
        names = self._listed_names_before(sentence.start, respectively)
        if len(names) < 2 or len(names) != len(values):
            return None
        return names[index]

    def _values_after(self, start: int, end: int) -> list[tuple[int, int]]:
        """The numbers of a value list (``5亿元、3亿元和2亿元``), each as (start, end)."""
        values, cursor = [], start
        for number in VALUE_NUMBER.finditer(self.text, start, end):
            if not VALUE_GAP.match(self.text[cursor:number.start()]):
                break
            values.append(number.span())
            cursor = number.end()
        return values

    def _listed_names_before(self, start: int, end: int) -> list[RegionMention]:
        """The last run of names joined by 、和及与 in [start, end)."""
        run: list[RegionMention] = []
        for mention in reversed(self._between(start, end)):
            if run and not LIST_SEPARATOR.match(self.text[mention.end:run[-1].start]):
                if len(run) >= 2:
                    break
                run = []
            run.append(mention)
        return run[::-1] if len(run) >= 2 else []
    def _quotation_speaker(self, end: int, sentence: Sentence) -> RegionMention | None:
        """The unit of the official who speaks a quotation that holds the figure."""
        close = sentence.end
        window = self.text[close - 1: close + 1] + self.text[close: close + 2]
        if _CLOSING_QUOTES.isdisjoint(window):
            return None
        after = sentence.end
        while after < len(self.text) and self.text[after] in "”’\"」』 \n":
            after += 1
        following = self._first_between(after, after + 20)
        if following is not None and following.start == after and SPEAKER_ROLE.match(self.text, following.end):
            return following
        return None

    def _last_referring_word(self, clause_text: str, clause_start: int):
        """The last referring word of the clause that is no comparison or share base."""
        if _REFERRING_CHARACTERS.isdisjoint(clause_text):
            return None
        for m in reversed(list(REFERRING.finditer(clause_text))):
            if (not _ends_in_comparison_base(clause_text[max(0, m.start() - 4): m.start()])
                    and not self._is_share_base(clause_start + m.end())
                    and not _FRAMES.rank_after.match(self.text, clause_start + m.end())):
                return m
        return None
