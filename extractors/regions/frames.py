"""Frames around a unit's name: the text is not about that unit there.

Reads ``data/region_frames.yaml``. A name is in a frame when the words
around it make it a yardstick (占全市的五分之一), an organisation (青田农商银行),
a comparison (与德清县相比), a place visited (赴宁海县考察) or the superior a
page's unit acts under (在某市委市政府的领导下); a frame on a list's first name
holds for the rest of the list (``scope``). ``scope`` takes no figure's unit
from a framed name and ``home`` never makes it a page's topic.
"""
from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import regex
import yaml

from extractors.catalog import YAML_LOADER

FRAMES_PATH = Path(__file__).parent / "data" / "region_frames.yaml"
NAME = "{NAME}"
# How far a pattern part may reach from the name (a visit's 到…考察 gap included).
_WINDOW = 24
# The frames written as patterns around {NAME} in the data file.
_PATTERN_KINDS = ("comparison", "visit", "guidance")
# Classes ``re`` lacks (\p{Han}) or reads otherwise than ``regex`` (\s, \w and \b take in
# other characters; \d differs only on digits of scripts Unicode added after Python's tables).
_REGEX_ONLY = re.compile(r"\\[pPsSwWbBX]")
Pattern = re.Pattern | regex.Pattern


def compile_pattern(pattern: str) -> Pattern:
    """``pattern`` compiled by ``re`` where it means the same there: the frames and scope
    patterns are tried on a few characters around every name and figure, and on such short
    windows ``re`` matches about three times as fast as ``regex``."""
    if not _REGEX_ONLY.search(pattern):
        with warnings.catch_warnings():
            warnings.simplefilter("error")      # a FutureWarning: ``re`` may read a set otherwise one day
            try:
                return re.compile(pattern)
            except (re.error, FutureWarning):
                pass
    return regex.compile(pattern)


@dataclass(frozen=True)
class _Pattern:
    kind: str
    before: Pattern | None      # must end where the name starts
    after: Pattern | None       # must start where the name ends

    def holds(self, text: str, start: int, end: int) -> bool:
        # the anchored match after the name first: it fails at once on most names
        if self.after is not None and not self.after.match(text, end, end + _WINDOW):
            return False
        return self.before is None or bool(self.before.search(text, max(0, start - _WINDOW), start))


@dataclass(frozen=True)
class Frames:
    yardstick_words: tuple[str, ...]      # 占, 高于
    yardstick_before: Pattern             # ends at the name: 占全, 高于
    yardstick_last: frozenset[str]        # characters a yardstick match can end with
    organisation_after: Pattern           # starts at the name's end
    organisation_lead: frozenset[str]     # a Latin letter or a quote right after the name
    organisation_word_first: frozenset[str]
    organisation_word: Pattern            # any of the organisation words
    organisation_reach: int               # the gap and the longest word after the name, and one
    patterns: tuple[_Pattern, ...]        # comparison, visit and guidance
    any_after: Pattern                    # the patterns' parts after the name, as one alternation
    before_only: tuple[_Pattern, ...]     # the patterns with no part after the name, in order
    any_before_only: Pattern              # their parts before the name, as one alternation
    subject_lead: Pattern                 # what may precede a sentence's subject
    subject_lead_empty: bool              # may nothing precede it (does subject_lead take "")?
    rank_after: Pattern                   # 第一, 唯一, 首家 right after a unit or 全市
    section_heading: tuple[Pattern, Pattern]   # before and after the name of a section's heading
    examples: tuple[tuple[str, str, bool], ...]   # (kind, text with [name], framed?)
    heading_examples: tuple[tuple[str, bool], ...]  # (line with [name], heads a section?)
    rank_examples: tuple[tuple[str, bool], ...]     # (text with [unit], ranked within?)

    def heads_section(self, line: str, start: int, end: int) -> bool:
        """Is ``line`` a heading of a section about the unit named at [start, end)?"""
        before, after = self.section_heading
        return bool(before.fullmatch(line[:start])) and bool(after.fullmatch(line[end:]))

    def kind_of(self, text: str, start: int, end: int) -> str | None:
        """The frame around ``text[start:end]`` (comparison, visit or guidance), if any."""
        # one anchored match for every part after the name: most names are followed by none,
        # and then only the patterns that look before the name alone can hold
        if self.any_after.match(text, end, end + _WINDOW):
            patterns = self.patterns
        elif self.any_before_only.search(text, max(0, start - _WINDOW), start):
            patterns = self.before_only     # one search tells whether any of them holds: most names have none
        else:
            return None
        for pattern in patterns:
            if pattern.holds(text, start, end):
                return pattern.kind
        return None


def _compiled_part(part: str, anchor_end: bool) -> Pattern | None:
    if not part:
        return None
    return compile_pattern(f"(?:{part})$" if anchor_end else part)


def _heading_parts(pattern: str) -> tuple[Pattern, Pattern]:
    body = pattern.removeprefix("^").removesuffix("$")
    if body.count(NAME) != 1:
        raise ValueError(f"region_frames.yaml: section_heading must hold {NAME} once")
    before, after = body.split(NAME)
    return compile_pattern(before), compile_pattern(after)


def parse_frames(raw: dict) -> Frames:
    yardstick_words = raw["yardstick"]["words_before"]
    organisation = raw["organisation"]
    words = organisation["words_after"]
    alternatives = "|".join(sorted(map(regex.escape, yardstick_words), key=len, reverse=True))
    patterns, afters = [], []
    for kind in _PATTERN_KINDS:
        before_only = []
        for text in raw[kind]["patterns"]:
            text = text.replace("{RANK}", raw["rank"])
            if text.count(NAME) != 1:
                raise ValueError(f"region_frames.yaml: {kind} pattern {text!r} must hold {NAME} once")
            before, after = text.split(NAME)
            if after:
                patterns.append(_Pattern(kind, _compiled_part(before, True), _compiled_part(after, False)))
                afters.append(after)
            else:
                before_only.append(before)
        if before_only:     # one search for all the patterns of a kind that look only before the name
            patterns.append(_Pattern(kind, _compiled_part("|".join(f"(?:{b})" for b in before_only), True), None))
    examples = []
    for kind in ("yardstick", "organisation", *_PATTERN_KINDS):
        examples += [(kind, text, True) for text in raw[kind].get("examples", ())]
        examples += [(kind, text, False) for text in raw[kind].get("negatives", ())]
    return Frames(
        yardstick_words=tuple(yardstick_words),
        yardstick_before=compile_pattern(f"(?:{alternatives})全?$"),
        yardstick_last=frozenset(word[-1] for word in yardstick_words) | {"全", "\n"},
        organisation_after=compile_pattern(
            r"(?:(?!%s(?![A-Za-z]))[A-Za-z]|[“\"「]|[\p{Han}]{0,%s}?(?:%s))"
            .replace("%s", "(?:" + ("|".join(map(regex.escape, organisation.get("not_after", ()))) or "(?!)") + ")", 1)
            .replace("%s", str(organisation["longest_gap"]), 1)
            .replace("%s", "|".join(sorted(map(regex.escape, words), key=len, reverse=True)), 1)),
        organisation_lead=frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz“\"「"),
        organisation_word_first=frozenset(word[0] for word in words),
        organisation_word=compile_pattern("|".join(map(regex.escape, words))),
        organisation_reach=organisation["longest_gap"] + max(map(len, words)) + 1,
        patterns=tuple(patterns),
        any_after=compile_pattern("|".join(f"(?:{after})" for after in afters) or "(?!)"),
        before_only=tuple(pattern for pattern in patterns if pattern.after is None),
        any_before_only=compile_pattern("|".join(f"(?:{pattern.before.pattern})" for pattern in patterns
                                                 if pattern.after is None) or "(?!)"),
        subject_lead=compile_pattern(raw["subject_lead"]),
        subject_lead_empty=bool(compile_pattern(raw["subject_lead"]).fullmatch("")),
        rank_after=compile_pattern(raw["rank"]),
        section_heading=_heading_parts(raw["section_heading"]),
        examples=tuple(examples),
        rank_examples=tuple([(text, True) for text in raw.get("rank_examples", ())]
                            + [(text, False) for text in raw.get("rank_negatives", ())]),
        heading_examples=tuple([(text, True) for text in raw.get("section_heading_examples", ())]
                               + [(text, False) for text in raw.get("section_heading_negatives", ())]),
    )


@functools.cache
def load_frames(path: Path = FRAMES_PATH) -> Frames:
    return parse_frames(yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER))
