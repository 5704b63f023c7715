"""Load the indicator rules from YAML: fragments expanded, patterns compiled.

Patterns are data (``rules/*.yaml``); this module only turns them into
compiled objects and refuses a rule book that is inconsistent: an undefined
``{FRAGMENT}``, a duplicate rule id, an unknown indicator or unit.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick_rs
import regex
import yaml

from extractors.catalog import (
    AVERAGE_LEADS, COMPARISON_BASES, GROWTH_CUES, GROWTH_NOUNS, INDICATOR_UNITS, MILESTONE_VERBS, TARGET_WORDS,
    YAML_LOADER, alternation, expand_units,
)
from extractors.indicators.openings import sure_words

RULES_DIR = Path(__file__).parent / "rules"
SPECIAL_FILES = {"fragments.yaml", "non_indicators.yaml", "kinds.yaml"}
FRAGMENT_REF = regex.compile(r"\{([A-Z][A-Z_]*)\}")


class RuleBookError(ValueError):
    """The rule files are inconsistent."""


@dataclass(frozen=True)
class ContextTest:
    """Patterns on the text around a quantity (shared by rules, vetoes, kinds)."""

    raw: regex.Pattern | None = None
    before: regex.Pattern | None = None
    after: regex.Pattern | None = None
    sentence: regex.Pattern | None = None
    not_before: regex.Pattern | None = None
    not_after: regex.Pattern | None = None
    not_sentence: regex.Pattern | None = None
    topic: regex.Pattern | None = None     # the last subject named in earlier clauses must be this

    @functools.cached_property
    def checks(self) -> tuple[tuple[regex.Pattern, str, str], ...]:
        """What a veto or kind marker tests, in order: (pattern, text it reads, search or match)."""
        named = ((self.raw, "raw", "search"), (self.before, "sentence_left", "search"),
                 (self.after, "sentence_right", "match"), (self.sentence, "sentence_left", "search"))
        return tuple(check for check in named if check[0] is not None)

    @functools.cached_property
    def after_matches_empty(self) -> bool:
        """Whether ``after`` matches an empty text: after most numbers the noun
        phrase is empty, and a cue that needs a word can be skipped there."""
        return self.after is not None and self.after.search("") is not None


@dataclass(frozen=True)
class Screen:
    """One pattern per text that the first checks of a list of tests read
    (their alternation): none of the tests can pass unless one of these
    matches, so most quantities are cleared in a few searches, not one per test."""

    checks: tuple[tuple[regex.Pattern, str, str], ...]

    @classmethod
    def of(cls, tests: list[ContextTest]) -> "Screen":
        groups: dict[tuple[str, str, int], list[str]] = {}
        for test in tests:
            if test.checks:
                pattern, source, how = test.checks[0]
                groups.setdefault((source, how, pattern.flags), []).append(pattern.pattern)
        return cls(tuple((regex.compile("|".join(f"(?:{p})" for p in patterns), flags), source, how)
                         for (source, how, flags), patterns in groups.items()))


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    indicator: str
    units: tuple[str, ...]
    priority: int
    measures: tuple[str, ...] | None
    context: ContextTest
    gap: int = 12
    after_gap: int = 4
    fallback: bool = False
    pattern: regex.Pattern | None = None   # pattern rules find numbers find_quantities does not
    unit: str | None = None                # unit of a pattern rule's number

    @property
    def reads_sentence_only(self) -> bool:
        """No cue word, only a test on the sentence: the rule claims a number its sentence fits."""
        return self.context.before is None and self.context.after is None and self.context.sentence is not None


@dataclass(frozen=True)
class Veto:
    id: str
    why: str
    context: ContextTest
    examples: tuple[str, ...]


@dataclass(frozen=True)
class KindMarker:
    id: str
    kind: str
    why: str
    context: ContextTest
    examples: tuple[dict, ...]   # {text, raw_text}: the number in text that carries the kind
    fact_when_past: bool = False   # a figure of a year before the one the page was written in is a fact
    # Holds for every figure under a heading of plans (periods.years.PLAN_HEADING) that its
    # not_before leaves alone; it reads no cue of its own.
    plan_section: bool = False


@dataclass(frozen=True)
class Example:
    family: str
    text: str
    expect: tuple[dict, ...] = ()
    negative_indicator: str | None = None
    date: str | None = None


@dataclass
class RuleBook:
    subjects: regex.Pattern
    rules: list[Rule]
    vetoes: list[Veto]
    kinds: list[KindMarker]
    examples: list[Example]
    negatives: list[Example]
    versions: dict[str, str] = field(default_factory=dict)
    own_cues: regex.Pattern | None = None     # {OWN_CUES}: a sentence naming none goes on with the topic
    bare_words: regex.Pattern | None = None   # {BARE_WORDS}: what a clause taking that topic may hold
    BARE_REST = 3                             # Han characters it may hold besides them

    def is_bare_clause(self, clause_left: str) -> bool:
        if len(clause_left) <= self.BARE_REST:
            return True     # the words taken out can only leave fewer
        rest = self.bare_words.sub("", clause_left)
        return sum(1 for ch in rest if "\u4e00" <= ch <= "\u9fff") <= self.BARE_REST
    # Filled by ``index()`` once the rules are in their final order.
    pattern_rules: list[Rule] = field(default_factory=list)
    quantity_rules: list[Rule] = field(default_factory=list)
    # unit -> the rules that take it, in quantity_rules' order (ties go to the
    # first): a quantity is only ever tried against rules of its unit.
    rules_by_unit: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    veto_screen: Screen | None = None
    kind_screen: Screen | None = None
    own_cue_words: frozenset[str] = frozenset()     # the fixed words among OWN_CUES (企业, 人口, …)

    def surely_names_own_cue(self, text: str) -> bool:
        """A quick yes for most sentences: a fixed word of OWN_CUES stands in ``text``. A no proves
        nothing (the cue may be one that is not a fixed word); ``own_cues`` decides then."""
        return bool(self.own_cue_words) and bool(_word_automaton(self.own_cue_words).find_matches_as_indexes(text))

    def index(self) -> None:
        self.pattern_rules = [r for r in self.rules if r.pattern is not None]
        self.quantity_rules = [r for r in self.rules if r.pattern is None]
        units = {unit for rule in self.quantity_rules for unit in rule.units}
        self.rules_by_unit = {unit: tuple(rule for rule in self.quantity_rules if unit in rule.units)
                              for unit in units}
        self.veto_screen = Screen.of([veto.context for veto in self.vetoes])
        self.kind_screen = Screen.of([marker.context for marker in self.kinds])
        self.own_cue_words = sure_words(self.own_cues) if self.own_cues is not None else frozenset()


@functools.lru_cache(maxsize=4)
def _word_automaton(words: frozenset[str]) -> ahocorasick_rs.AhoCorasick:
    # Built where it is used, not kept in the book: an automaton cannot be pickled.
    return ahocorasick_rs.AhoCorasick(sorted(words))


def _word_fragment(words) -> str:
    # One-character words (增, 降) are trend words before a number, too loose for a cue.
    return alternation(word for word in words if len(word) > 1)


# Fragments the shared word lists give the rules (catalog/words.yaml).
WORD_FRAGMENTS: dict[str, str] = {
    "GROWTH_CUE": _word_fragment(GROWTH_CUES),
    "GROWTH_NOUN": _word_fragment(GROWTH_NOUNS),
    "COMPARISON_BASE": _word_fragment(COMPARISON_BASES),
    "AVERAGE_LEAD": _word_fragment(AVERAGE_LEADS),
    "TARGET_WORD": _word_fragment(TARGET_WORDS),
    "MILESTONE_VERB": _word_fragment(MILESTONE_VERBS),
}


def expand(pattern: str, fragments: dict[str, str], where: str) -> str:
    """Replace ``{NAME}`` with its fragment, recursively; unknown names fail."""
    for _ in range(10):
        missing = [n for n in FRAGMENT_REF.findall(pattern) if n not in fragments]
        if missing:
            raise RuleBookError(f"{where}: undefined fragment(s) {missing}")
        expanded = FRAGMENT_REF.sub(lambda m: fragments[m.group(1)], pattern)
        if expanded == pattern:
            return pattern
        pattern = expanded
    raise RuleBookError(f"{where}: fragments nest too deeply")


def _compile(pattern: str | None, fragments: dict[str, str], where: str) -> regex.Pattern | None:
    if pattern is None:
        return None
    try:
        return regex.compile(expand(str(pattern), fragments, where))
    except regex.error as error:
        raise RuleBookError(f"{where}: bad pattern {pattern!r}: {error}") from error


def _context(spec: dict, fragments: dict[str, str], where: str) -> ContextTest:
    keys = ContextTest.__dataclass_fields__
    return ContextTest(**{k: _compile(spec.get(k), fragments, f"{where}.{k}") for k in keys})


def _load_yaml(text: str):
    return yaml.load(text, Loader=YAML_LOADER)


def _version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _load_rules(path: Path, fragments: dict[str, str], book: RuleBook, seen: set[str]) -> None:
    data = _load_yaml(path.read_text(encoding="utf-8"))
    family = data.get("family") or path.stem
    for spec in data.get("rules", []):
        rid = spec["id"]
        where = f"{path.name}:{rid}"
        if rid in seen:
            raise RuleBookError(f"{where}: duplicate rule id")
        seen.add(rid)
        indicator = spec["indicator"]
        if indicator not in INDICATOR_UNITS:
            raise RuleBookError(f"{where}: unknown indicator {indicator!r}")
        units = expand_units(spec.get("units") or ([spec["unit"]] if "unit" in spec else ()))
        bad = [u for u in units if u not in INDICATOR_UNITS[indicator]]
        if bad or not units:
            raise RuleBookError(f"{where}: units {bad or units} not allowed for {indicator}")
        book.rules.append(Rule(
            id=rid, family=family, indicator=indicator, units=units,
            priority=int(spec.get("priority", 50)),
            measures=tuple(spec["measures"]) if "measures" in spec else None,
            context=_context(spec, fragments, where),
            gap=int(spec.get("gap", 12)), after_gap=int(spec.get("after_gap", 4)),
            fallback=bool(spec.get("fallback", False)),
            pattern=_compile(spec.get("pattern"), fragments, f"{where}.pattern"),
            unit=spec.get("unit"),
        ))
    for ex in data.get("examples", []):
        book.examples.append(Example(family, ex["text"], tuple(ex.get("expect", ())), date=ex.get("date")))
    for ex in data.get("negatives", []):
        book.negatives.append(Example(family, ex["text"], negative_indicator=ex.get("indicator")))


@functools.lru_cache(maxsize=4)
def load_rulebook(rules_dir: Path = RULES_DIR) -> RuleBook:
    fragments = {**WORD_FRAGMENTS, **_load_yaml((rules_dir / "fragments.yaml").read_text(encoding="utf-8"))}
    book = RuleBook(_compile("{SUBJECTS}", fragments, "fragments.SUBJECTS"), [], [], [], [], [],
                    own_cues=_compile("{OWN_CUES}", fragments, "fragments.OWN_CUES"),
                    bare_words=_compile("{BARE_WORDS}", fragments, "fragments.BARE_WORDS"))
    seen: set[str] = set()
    for path in sorted(rules_dir.glob("*.yaml")):
        book.versions[path.name] = _version(path)
        if path.name not in SPECIAL_FILES:
            _load_rules(path, fragments, book, seen)
    vetoes = _load_yaml((rules_dir / "non_indicators.yaml").read_text(encoding="utf-8"))
    for spec in vetoes["vetoes"]:
        book.vetoes.append(Veto(spec["id"], spec.get("why", ""), _context(spec, fragments, spec["id"]),
                                tuple(spec.get("examples", ()))))
    kinds = _load_yaml((rules_dir / "kinds.yaml").read_text(encoding="utf-8"))
    for spec in kinds["kinds"]:
        book.kinds.append(KindMarker(spec["id"], spec["kind"], spec.get("why", ""),
                                     _context(spec, fragments, spec["id"]), tuple(spec.get("examples", ())),
                                     bool(spec.get("fact_when_past", False)), bool(spec.get("plan_section", False))))
    # Higher priority first; the classifier breaks distance ties in this order.
    book.rules.sort(key=lambda r: -r.priority)
    book.index()
    return book
