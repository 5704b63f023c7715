"""The unit a page is about (its home unit) and the units its sentences take up as topic.

Salience, strongest first:

1. the unit the user gives (manifest ``region``, ``extract --region``), made
   more specific by a unit of its own subtree in the manifest title;
2. the article's headline (``杭州市滨江区…`` is 滨江区: a name written just
   before a unit inside it only qualifies that unit; a headline naming
   several units and one unit above them all is about that one);
3. the subject of the article's opening sentence (``2024年，德清县…``);
4. counts: each name once, twice where it opens its clause, half for each
   referring word that fits it (``全区`` fits a district), and, for a unit
   with three or more named units inside it (a report over its parts), half
   for each name of those.

A headline unit above the given unit leaves the given unit (more specific)
in place; a headline unit elsewhere wins: the text names another.

A topic is a unit that is the subject of a sentence (not one in a list, a
visit, a comparison or an organisation): it holds to the end of its
paragraph, and referring words there resolve against its chain. A line
heading a section about one unit (``一、缙云县``) makes it the topic of the
section, up to the next such line.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import regex

from extractors.catalog import LEVEL_RANK, ZONE_SUFFIXES
from extractors.models import Article, Sentence
from extractors.regions.frames import Frames, compile_pattern
from extractors.regions.gazetteer import Gazetteer, Region
from extractors.regions.mentions import RegionMention

REFERRING = compile_pattern(r"(全区|该区|本区|我区|区内|全县|该县|本县|我县|全市|本市|该市|我市|市内|全省|我省|本省|该省|"
                            r"全镇|该镇|本镇|全乡|该乡|全街道|该街道|本街道|街道|辖区)")
# 该区, 该街道: "the one just named"; the other referring words name the unit in scope.
ANAPHORIC_PREFIX = "该"
LIST_AFTER = compile_pattern(r"[、和及与]")
CLAUSE_BREAK = compile_pattern(r"[，,；;：:。！？!?]")
LINE_OVER = compile_pattern(r"[。！？!?>][ \t]*\n")
# 某某高新区（某某区）: the unit in brackets after a development zone is the unit the zone is
# (or lies in); it stands where the zone's name stands, the zone stays in the subject.
_ZONE_OPENING_BRACKET = f"(?:{'|'.join(ZONE_SUFFIXES)})[（(]$"
ZONE_BEFORE_BRACKET = compile_pattern(_ZONE_OPENING_BRACKET)
ZONE_LEAD = regex.compile(r"[\p{Han}A-Za-z0-9]{1,16}?" + _ZONE_OPENING_BRACKET)     # the zone's whole name
MANY_PARTS = 3
HEADING_LONGEST = 30      # characters of a line that may head a section
SUBJECT_WEIGHT, MENTION_WEIGHT, DESCENDANT_WEIGHT, REFERRING_WEIGHT = 2.0, 1.0, 0.5, 0.5


def fits(word: str, region: Region) -> bool:
    """Does a referring word (全区, 该街道, 全市) fit this unit's kind?"""
    if word.endswith("街道"):
        return region.name.endswith("街道")
    if word == "辖区":
        return region.level in ("county", "town")
    last = word[-1]
    if last == "省":
        return region.level == "province" and region.name.endswith("省")
    # a municipality (北京市) and an autonomous region (广西壮族自治区) are provinces
    # that call themselves 全市 and 全区
    if last == "市":
        return region.name.endswith("市") and region.level in ("province", "city", "county")
    if last == "区":
        return (region.name.endswith("区") and region.level == "county") or region.name.endswith("自治区")
    if last in "县镇乡":
        return region.name.endswith(last)
    return False


def more_specific_in_chain(base: Region | None, other: Region | None, gazetteer: Gazetteer) -> Region | None:
    """``other`` where it lies inside ``base`` or elsewhere; ``base`` where ``other`` is above it."""
    if base is None:
        return other
    if other is None or other.key == base.key or gazetteer.is_within(base, other):
        return base
    return other


def organisations_unit(text: str, units: Sequence[Region]) -> Region | None:
    """A page that names its unit only inside organisations (人民银行某县支行, 某县农商银行)
    and speaks of 全县: the unit those organisations belong to (``units``), the most named,
    when the referring words fit it (a county's bank, not a university named after its province)."""
    if not units:
        return None
    words = {m.group(1) for m in REFERRING.finditer(text)}
    counts: Counter[tuple] = Counter()
    by_key: dict[tuple, Region] = {}
    for region in units:
        if region.level != "province" and any(fits(word, region) for word in words):
            counts[region.key] += 1
            by_key[region.key] = region
    return by_key[counts.most_common(1)[0][0]] if counts else None


def headline_unit(mentions: Sequence[RegionMention], gazetteer: Gazetteer) -> Region | None:
    """The unit a headline (or a manifest title) is about.

    ``杭州市滨江区`` is 滨江区; a headline naming three or more units and one
    unit above all of them (``…宁波各地…``) is about that one; else the most
    specific unit, the first of them.
    """
    named = [m for m in mentions if m.region is not None]
    units = [m.region for i, m in enumerate(named)
             if not (i + 1 < len(named) and named[i + 1].start == m.end
                     and gazetteer.is_within(named[i + 1].region, m.region))]
    units = list({unit.key: unit for unit in units}.values())
    if not units:
        return None
    if len(units) >= 3:
        for unit in units:
            if all(other is unit or gazetteer.is_within(other, unit) for other in units):
                return unit
    return max(units, key=lambda r: LEVEL_RANK[r.level])


class HomeModel:
    """Subjects, topics and section headings of a page, and the home-unit choices
    ``scope`` makes from them. ``excluded[i]``: mention i is in a frame."""

    def __init__(self, text: str, mentions: Sequence[RegionMention], excluded: Sequence[bool],
                 sentences: Sequence[Sentence], gazetteer: Gazetteer, frames: Frames):
        self.text = text
        self.mentions = mentions
        self.gazetteer = gazetteer
        self.frames = frames
        self.starts = [m.start for m in mentions]
        self.sentence_starts = [s.start for s in sentences]
        self.sentences = sentences
        self.qualifiers = self._qualifiers()
        usable = [not framed and i not in self.qualifiers for i, framed in enumerate(excluded)]
        self.usable = usable
        self._sentence_of = [self._sentence_at(m.start) for m in mentions]
        leads = {i: self._lead(i) for i in range(len(mentions)) if usable[i]}
        opening = [i for i, lead in leads.items() if lead is not None and self._opens_clause(lead)]
        self.topics = self._topics(opening, leads)
        # 宁海和江北…: every name of a list that opens its clause is a subject
        self.subjects = set(opening)
        for i in opening:
            while self._listed_next(i):
                i += 1
                self.subjects.add(i)
        self.topic_starts = [mentions[i].start for i in self.topics]
        self.sections = self._section_headings()
        self.section_starts = [start for start, _ in self.sections]

    # -- the pieces of salience ------------------------------------------
    def _qualifiers(self) -> set[int]:
        """``杭州市滨江区``: 杭州市 only says where 滨江区 lies."""
        found = set()
        for i in range(len(self.mentions) - 1):
            first, second = self.mentions[i], self.mentions[i + 1]
            if first.end == second.start and self.gazetteer.is_within(second.region, first.region):
                found.add(i)
        return found

    def _sentence_at(self, position: int) -> Sentence | None:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        return self.sentences[index] if index >= 0 else None

    def _lead(self, index: int) -> str | None:
        """The words before the name in its sentence (40 characters at most), on its line
        and outside a zone's name; None where the name is in no sentence."""
        mention = self.mentions[index]
        sentence = self._sentence_of[index]
        if sentence is None or mention.start >= sentence.end:
            return None
        lead = self.text[max(sentence.start, mention.start - 40):mention.start]
        # a line that a full stop or a tag (</p>) ends is over, even where the sentence runs on
        # (the cheap tests first: most leads hold no line break and no bracket)
        if "\n" in lead:
            lead = LINE_OVER.split(lead)[-1]
        if "（" in lead or "(" in lead:
            lead = ZONE_LEAD.sub("", lead)
        return lead

    def _opens_clause(self, lead: str) -> bool:
        """Does a name after ``lead`` (see ``_lead``) open its clause, after a lead-in at most?"""
        lead_in = CLAUSE_BREAK.split(lead)[-1].strip()
        if not lead_in:     # nearly half the names come right after a clause break
            return self.frames.subject_lead_empty
        return bool(self.frames.subject_lead.fullmatch(lead_in))

    def _opens_sentence(self, lead: str) -> bool:
        """Does a name that opens its clause (see ``_opens_clause``) open its sentence too?"""
        if len(lead) >= 40:
            return False
        # with no clause break before the name, the clause's lead-in is the sentence's
        return not CLAUSE_BREAK.search(lead) or bool(self.frames.subject_lead.fullmatch(lead.strip()))

    def _topics(self, opening: list[int], leads: dict[int, str]) -> list[int]:
        """Subjects of sentences, and subjects of later clauses that narrow the
        sentence's topic (杭州正在…，小营街道着力…): not lists, not comparisons.
        ``opening``: the names that open their clause; ``leads``: their leads (``_lead``)."""
        topics: list[int] = []
        current: tuple[int, Region] | None = None      # (sentence start, its topic)
        for i in opening:
            if self._listed_next(i) or self._sentence_compares(i, opening):
                continue
            mention = self.mentions[i]
            sentence = self._sentence_of[i]
            if self._opens_sentence(leads[i]):
                topics.append(i)
                current = (sentence.start, mention.region)
            elif current is not None and current[0] == sentence.start and self.gazetteer.is_within(mention.region,
                                                                                                  current[1]):
                topics.append(i)
                current = (sentence.start, mention.region)
        return topics

    def _sentence_compares(self, index: int, opening: list[int]) -> bool:
        """德清县新增520家，安吉县430家: clauses of one sentence opened by different
        units (none inside another) compare them; none is the topic."""
        sentence = self._sentence_of[index]
        unit = self.mentions[index].region
        lo = bisect.bisect_left(self.starts, sentence.start)
        hi = bisect.bisect_left(self.starts, sentence.end)
        for other in opening[bisect.bisect_left(opening, lo):bisect.bisect_left(opening, hi)]:
            region = self.mentions[other].region
            if (region.key != unit.key and not self.gazetteer.is_within(region, unit)
                    and not self.gazetteer.is_within(unit, region)):
                return True
        return False

    def _listed_next(self, index: int) -> bool:
        """Is the name followed by 、和及与 and another usable name (慈溪、余姚和北仑)?"""
        following = index + 1
        if following >= len(self.mentions) or not self.usable[following]:
            return False
        mention, other = self.mentions[index], self.mentions[following]
        return other.start - mention.end == 1 and bool(LIST_AFTER.match(self.text, mention.end, other.start))

    def _usable_between(self, start: int, end: int) -> list[int]:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [i for i in range(lo, hi) if self.usable[i] and self.mentions[i].end <= end]

    def _inside_name(self, position: int) -> bool:
        """Is ``position`` inside a name (the 街道 of 凯旋街道)?"""
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and self.mentions[index].end > position

    def headline_unit(self, start: int, end: int) -> Region | None:
        return headline_unit([self.mentions[i] for i in self._usable_between(start, end)], self.gazetteer)

    def opening_subject(self, article: Article) -> Region | None:
        head_end = max(article.title_end, article.start)
        opening = next((s for s in self.sentences if s.start >= head_end and s.end <= article.end
                        and s.text.strip()), None)
        if opening is None:
            return None
        lo = bisect.bisect_left(self.topic_starts, opening.start)
        if lo < len(self.topics) and self.topic_starts[lo] < opening.end:
            return self.mentions[self.topics[lo]].region
        return None

    def weighted_choice(self, start: int, end: int) -> Region | None:
        indexes = self._usable_between(start, end)
        named = [self.mentions[i].region for i in indexes if self.mentions[i].region.level in ("county", "town", "city")]
        if not named:
            return None
        score: Counter[tuple] = Counter()
        units: dict[tuple, Region] = {}
        for i in indexes:
            region = self.mentions[i].region
            if region.level not in ("county", "town", "city"):
                continue
            units[region.key] = region
            score[region.key] += SUBJECT_WEIGHT if i in self.subjects else MENTION_WEIGHT
        for key, region in units.items():
            inside = [other for other in units.values() if self.gazetteer.is_within(other, region)]
            if len(inside) >= MANY_PARTS:     # a report over its parts, not a page about one of them
                score[key] += DESCENDANT_WEIGHT * sum(1 for r in named if any(r.key == o.key for o in inside))
        words = Counter(m.group(1) for m in REFERRING.finditer(self.text, start, end)
                        if not self._inside_name(m.start()) and not self._framed_word(m))
        for key, region in units.items():
            score[key] += REFERRING_WEIGHT * sum(n for word, n in words.items() if fits(word, region))
        counts = Counter(r.key for r in named)
        best = max(counts.values())
        if len(counts) >= 3 and best * 2 < len(named):
            # a table of a city's districts that never names the city
            common = self._common_ancestor(named)
            if common is not None and common.level in ("province", "city", "county") and common.key not in units:
                return common
        top = max(score.values())
        return next(units[key] for key in score if score[key] == top)

    def _framed_word(self, word) -> bool:
        """``高于全市平均水平``, ``居全市第二``: a referring word that is a yardstick
        or ranks within a unit says nothing of what the page is about."""
        return (bool(self.frames.yardstick_before.search(self.text, max(0, word.start() - 4), word.start()))
                or bool(self.frames.rank_after.match(self.text, word.end())))

    def _common_ancestor(self, regions: list[Region]) -> Region | None:
        paths = [r.key for r in regions]
        shared = 0
        while all(len(p) > shared for p in paths) and len({p[shared] for p in paths}) == 1:
            shared += 1
        if shared == 0:
            return None
        return self.gazetteer.by_key(paths[0][:shared])

    def _section_headings(self) -> list[tuple[int, Region]]:
        """(start, unit) of each line that heads a section about one unit (一、缙云县)."""
        found = []
        for sentence in self.sentences:
            if sentence.end - sentence.start > HEADING_LONGEST:
                continue
            indexes = self._usable_between(sentence.start, sentence.end)
            if not indexes:
                continue
            chain = [self.mentions[i] for i in indexes]
            if any(a.end != b.start for a, b in pairwise(chain)):
                continue
            raw = self.text[sentence.start:sentence.end]
            line = raw.strip()
            shift = sentence.start + (len(raw) - len(raw.lstrip()))
            if self.frames.heads_section(line, chain[0].start - shift, chain[-1].end - shift):
                unit = headline_unit(chain, self.gazetteer)
                if unit is not None:
                    found.append((sentence.start, unit))
        return found

    def section_topic_before(self, position: int, floor: int) -> Region | None:
        """The unit of the latest section heading in [floor, position)."""
        index = bisect.bisect_left(self.section_starts, position) - 1
        if index >= 0 and self.section_starts[index] >= floor:
            return self.sections[index][1]
        return None

    # -- topics ----------------------------------------------------------
    def topic_before(self, position: int, floor: int) -> RegionMention | None:
        """The latest subject of a sentence in [floor, position)."""
        index = bisect.bisect_left(self.topic_starts, position) - 1
        if index >= 0 and self.topic_starts[index] >= floor:
            return self.mentions[self.topics[index]]
        return None
