"""Which administrative unit a figure describes.

Evidence, nearest first: a unit named in the figure's clause before it (the
last one, so ``杭州市上城区小营街道`` gives the street); a referring word
in that clause (全区, 该街道, 全市, 我省) resolved against the units in
play; a unit named later in the same clause (``3个项目落户某区``); a unit
named earlier in the sentence; the unit whose official speaks a quotation
(“…20余个。”某街道相关负责人介绍); a unit named earlier in the paragraph;
the article's focus (its headline, else its most named unit); the
document's focus.

Two kinds of names are not evidence: a comparison base (占全市的五分之一)
and a name inside an organisation's name (杭州联合银行, 浙江大学). A city or
province named in passing does not displace the district an article is
about unless it stands in the figure's own clause.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

import regex

from extractors.catalog import LEVEL_RANK
from extractors.regions.gazetteer import Gazetteer, Region
from extractors.models import Article, Sentence
from extractors.regions.mentions import RegionMention

COMPARISON_BASE = regex.compile(r"(?:占|比|较|相当于|高于|低于|超过|居)全?$")
# A name followed by an organisation word, Latin letters (香港WEB3 HUB) or a
# quoted programme name (某区“金靴奔跑”项目) names that thing, not a scope.
# An indicator's abbreviation is no name (某区GDP达到…).
ORGANISATION_AFTER = regex.compile(
    r"(?:(?!(?:GDP|CPI|PPI)(?![A-Za-z]))[A-Za-z]|[“\"「]|[\p{Han}]{0,8}?(?:银行|大学|学院|公司|集团|医院|中学|小学|日报|报社|电视台|研究院|研究所|协会|商会|"
    r"联合会|海关|税务局|分行|支行|证券|保险|农商行))"
)
# A name in brackets right after other words (物产中大(浙江)数字贸易) or in
# book-title marks (《钱塘里》) is part of a name.
INSIDE_NAME_BEFORE = regex.compile(r"(?:\p{Han}[（(]|《[^》]{0,12})$")
SHARE_AFTER = regex.compile(
    r"(?:全[市区省县国]|[市区省县])?(?:的)?(?:超过|超|近|约|不足|不到|逾)?"
    r"(?:\d+(?:\.\d+)?\s*[%％‰]|\d+/\d+|[一二三四五六七八九十百千]+分之|[一二三四五六七八九]成|一半)")
LOCATED_IN = regex.compile(r"(?:位于|坐落于|地处|落户)$")
PLACE_AFTER = regex.compile(
    r"的(?P<place>[\p{Han}A-Za-z0-9·]{2,14}?(?:园区|产业园|科技园|工业园|园|基地|大厦|中心|广场|小镇|街区|商圈|商务区|新城|片区|楼|港|谷))")
REFERRING = regex.compile(r"(全区|该区|本区|我区|区内|全县|该县|本县|我县|全市|本市|该市|我市|市内|全省|我省|本省|该省|"
                          r"全镇|该镇|本镇|全乡|该乡|全街道|该街道|本街道|街道|辖区)")
SPEAKER_AFTER = regex.compile(r"^[”’\"」』]")
# COMPARISON_BASE, LOCATED_IN and INSIDE_NAME_BEFORE end in ``$``: a match
# ends at the end of the searched text or just before a newline ending it.
# A text whose last character cannot end a match is not searched (most are not).
_COMPARISON_BASE_LAST = frozenset("占比较于过居全\n")
_LOCATED_IN_LAST = frozenset("于处户\n")
_INSIDE_NAME_LAST = frozenset("（(\n")
_CLOSING_QUOTES = frozenset("”’\"」")
# ORGANISATION_AFTER starts with one of these, or has an organisation word
# start within its first nine characters (after at most eight Han ones).
_ORGANISATION_LEAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz“\"「")
_ORGANISATION_WORD_FIRST = frozenset("银大学公集医中小日报电研协商联海税分支证保农")
# Every referring word holds one of these: a clause without them holds none.
_REFERRING_CHARACTERS = frozenset("区县市省镇乡街")
SPEAKER_ROLE = regex.compile(r"[^，。；“”]{0,14}?(?:负责人|书记|主任|局长|区长|县长|市长|镇长|部长|站长|说|介绍|表示)")


def _ends_in_comparison_base(before: str) -> bool:
    """``COMPARISON_BASE.search(before)``, searching only where it can match."""
    return bool(before) and before[-1] in _COMPARISON_BASE_LAST and bool(COMPARISON_BASE.search(before))


def _ends_inside_name(before: str) -> bool:
    """``INSIDE_NAME_BEFORE.search(before)``, searching only where it can match."""
    return bool(before) and (before[-1] in _INSIDE_NAME_LAST or "《" in before) and bool(INSIDE_NAME_BEFORE.search(before))


def _organisation_after(text: str, end: int) -> bool:
    """``ORGANISATION_AFTER.match(text, end, end + 12)``, matching only where it can (a quarter of names)."""
    window = text[end:end + 9]
    if not window or (window[0] not in _ORGANISATION_LEAD and _ORGANISATION_WORD_FIRST.isdisjoint(window)):
        return False
    return bool(ORGANISATION_AFTER.match(text, end, end + 12))


def _located_in_before(text: str, start: int) -> bool:
    """``LOCATED_IN.search`` in the four characters before ``start``, only where it can match."""
    return start > 0 and text[start - 1] in _LOCATED_IN_LAST and bool(LOCATED_IN.search(text, max(0, start - 4), start))


@dataclass(frozen=True)
class ResolvedRegion:
    region: Region
    surface: str
    evidence: str


def _suffix_matches(word: str, region: Region) -> bool:
    """Does a referring word (全区, 该街道, 全市) fit this unit's kind?"""
    if word.endswith("街道"):
        return region.name.endswith("街道")
    if word == "辖区":
        return region.level in ("county", "town")
    last = word[-1]
    if last == "省":
        return region.level == "province"
    if last == "市":
        return region.name.endswith("市") and region.level in ("city", "county")
    if last == "区":
        return region.name.endswith("区") and region.level == "county"
    if last in "县镇乡":
        return region.name.endswith(last)
    return False


class RegionScope:
    def __init__(self, text: str, mentions: list[RegionMention], articles: list[Article],
                 sentences: list[Sentence], gazetteer: Gazetteer, title_mentions: list[RegionMention] = ()):
        self.text = text
        self.gazetteer = gazetteer
        named = [m for m in mentions if m.region is not None and not self._is_organisation(m)]
        self.mentions = sorted(named + self._place_mentions(named), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        # per mention, worked out on first use: is it a comparison base / a share base?
        self._comparison: list[bool | None] = [None] * len(self.mentions)
        self._share: list[bool | None] = [None] * len(self.mentions)
        self.articles = articles
        self.paragraph_start: dict[int, int] = {}
        for s in sentences:
            self.paragraph_start.setdefault(s.paragraph, s.start)
        titled = [m for m in title_mentions if m.region is not None]
        # The document's title (from its manifest) names its unit: 杭州市钱塘区2024年…报告
        self.title_focus = max(titled, key=lambda m: LEVEL_RANK[m.region.level]).region if titled else None
        self.article_focus = [self._article_focus(i) for i in range(len(articles))]
        self.document_focus = self._document_focus()

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

    def _is_comparison_base(self, mention: RegionMention) -> bool:
        return _ends_in_comparison_base(self.text[max(0, mention.start - 4): mention.start])

    def _is_share_base(self, end: int) -> bool:
        return bool(SHARE_AFTER.match(self.text, end, end + 16))

    def _is_comparison_base_at(self, index: int) -> bool:
        """``_is_comparison_base`` of ``self.mentions[index]``, remembered."""
        known = self._comparison[index]
        if known is None:
            known = self._comparison[index] = self._is_comparison_base(self.mentions[index])
        return known

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
                if mentions[i].end <= end and not self._is_comparison_base_at(i)]

    def _first_between(self, start: int, end: int) -> RegionMention | None:
        """``_between(start, end)[0]``, or None: without collecting the rest."""
        for index in self._indexes_between(start, end):
            m = self.mentions[index]
            if m.end <= end and not self._is_comparison_base_at(index):
                return m
        return None

    def _last_between(self, start: int, end: int, keep=None, keep_index=None) -> RegionMention | None:
        """The last of ``_between(start, end)`` that ``keep`` (given the mention)
        and ``keep_index`` (given its index) accept, found from the end (a
        paragraph as long as a page would make collecting them all quadratic)."""
        for index in reversed(self._indexes_between(start, end)):
            m = self.mentions[index]
            if (m.end <= end and not self._is_comparison_base_at(index)
                    and (keep is None or keep(m)) and (keep_index is None or keep_index(index))):
                return m
        return None

    # -- focus of an article and of the document -------------------------
    def _article_focus(self, index: int) -> Region | None:
        article = self.articles[index]
        head_end = article.title_end if article.title_end >= 0 else article.start
        in_head = self._between(article.start, max(head_end, article.start))
        if in_head:
            return max(in_head, key=lambda m: (LEVEL_RANK[m.region.level], -m.start)).region
        if self.title_focus is not None:
            return self.title_focus
        return self._most_named(self._between(article.start, article.end))

    def _document_focus(self) -> Region | None:
        if self.title_focus is not None:
            return self.title_focus
        for region in self.article_focus:
            if region is not None:
                return region
        return self._most_named(self.mentions)

    def _most_named(self, mentions: list[RegionMention]) -> Region | None:
        """The unit named most; when no unit dominates and the named units
        share a parent (a table of a city's districts), that parent."""
        named = [m.region for m in mentions if m.region.level in ("county", "town", "city")]
        counts = Counter(r.key for r in named)
        if not counts:
            return None
        best = max(counts.values())
        top = next(r for r in named if counts[r.key] == best)
        if len(counts) >= 3 and best * 2 < len(named):
            common = self._common_ancestor(named)
            if common is not None and common.level in ("province", "city", "county"):
                return common
        return top

    def _common_ancestor(self, regions: list[Region]) -> Region | None:
        paths = [r.key for r in regions]
        shared = 0
        while all(len(p) > shared for p in paths) and len({p[shared] for p in paths}) == 1:
            shared += 1
        if shared == 0:
            return None
        key = paths[0][:shared]
        found = [r for r in [regions[0], *self.gazetteer.ancestors(regions[0])] if r.key == key]
        return found[0] if found else None

    def _is_ancestor_of_focus(self, region: Region, focus: Region | None) -> bool:
        return focus is not None and region.key != focus.key and region.key == focus.path[: len(region.key)]

    # -- referring words ---------------------------------------------------
    def _refer(self, word: str, position: int, article: int) -> Region | None:
        """The unit a referring word points at: the latest fitting unit in play."""
        focus = self.focus(article)
        lo = self.articles[article].start if 0 <= article < len(self.articles) else 0
        candidates = [m.region for m in reversed(self._between(lo, position))]
        if focus is not None:
            candidates.append(focus)
        for region in candidates:
            for unit in [region, *reversed(self.gazetteer.ancestors(region))]:
                if _suffix_matches(word, unit):
                    return unit
        return None

    def focus(self, article: int) -> Region | None:
        if 0 <= article < len(self.article_focus) and self.article_focus[article] is not None:
            return self.article_focus[article]
        return self.document_focus

    # -- the figure's region -----------------------------------------------
    def resolve(self, position: int, end: int, clause_start: int, clause_end: int,
                sentence: Sentence, article: int) -> ResolvedRegion | None:
        paragraph_start = self.paragraph_start.get(sentence.paragraph, sentence.start)
        clause_text = self.text[clause_start:position]
        # 不足深圳全市1/10, 全市超过1/4: a unit right before a share is its base
        last_named = self._last_between(clause_start, position,
                                        keep_index=lambda index: not self._is_share_base_at(index))
        last_word = self._last_referring_word(clause_text, clause_start)
        if last_named is not None or last_word is not None:
            if last_word is not None and (last_named is None or clause_start + last_word.start() >= last_named.end):
                region = self._refer(last_word.group(1), clause_start + last_word.start(), article)
                if region is not None:
                    return ResolvedRegion(region, last_word.group(1), "referring word in clause")
            if last_named is not None:
                return ResolvedRegion(last_named.region, last_named.surface, "named in clause")
        later = self._first_between(end, clause_end)
        if later is not None:
            return ResolvedRegion(later.region, later.surface, "named later in clause")
        focus = self.focus(article)
        earlier = self._last_between(sentence.start, clause_start,
                                     lambda m: not self._is_ancestor_of_focus(m.region, focus))
        if earlier is not None:
            return ResolvedRegion(earlier.region, earlier.surface, "named in sentence")
        speaker = self._quotation_speaker(end, sentence)
        if speaker is not None:
            return ResolvedRegion(speaker.region, speaker.surface, "speaker of the quotation")
        in_paragraph = self._last_between(paragraph_start, sentence.start,
                                          lambda m: not self._is_ancestor_of_focus(m.region, focus))
        if in_paragraph is not None:
            return ResolvedRegion(in_paragraph.region, in_paragraph.surface, "named in paragraph")
        if focus is not None:
            return ResolvedRegion(focus, "", "focus of the article")
        return None

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
                    and not self._is_share_base(clause_start + m.end())):
                return m
        return None
