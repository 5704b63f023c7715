"""What the characters of a rule pattern's matches must be, read off the pattern.

Every rule search runs under a time guard, and the guard, not the search,
is most of the cost of a search in a short clause. Two facts of a pattern
prove, without searching, that a text cannot match:

- its openings, the characters a match can start with: ``match`` needs one
  at the start;
- its marks, sets of characters every match holds one of each (``\\d+条``
  holds 条, ``人均(?:GDP|生产总值)`` holds 人 and 均 and one of G, 生): a
  text missing one set cannot match anywhere.

The answer is a proof, never a guess: what cannot be listed for sure (a
class such as ``\\d`` or ``[^，]``, case folding, syntax only ``regex``
knows) is left unlisted, and an unlisted fact proves nothing.

The other way round, a pattern's sure words (the fixed words among its
alternatives) prove a text does match when one stands in it.
"""
from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass
from re import _constants as sre, _parser as sre_parser

import regex

# Flags that leave the characters of a match as written.
_PLAIN_FLAGS = regex.UNICODE | regex.VERSION0 | regex.VERBOSE | regex.MULTILINE | regex.DOTALL
# ``\p{Han}`` is regex syntax the parser of ``re`` refuses: it is read as a
# stand-in character, and a set reaching it is unlisted.
_UNICODE_PROPERTY = regex.compile(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}")
_PROPERTY_STAND_IN = "\ue000"
# Braces that are no count of repeats (regex's fuzzy matching, {e<=1}): ``re`` would read them as literal text.
_NOT_A_COUNT = regex.compile(r"(?<!\\)(?:\\\\)*\{(?!\d+(?:,\d*)?\}|,\d+\})")
_LARGEST_RANGE = 256    # a class over a wider range is not worth listing
_MOST_WORDS = 64        # the fixed words one alternative may spell out (人均(?:A|B|C)…)
_MARK_TESTS = 3         # the fewest-character sets tested: each costs a scan of the text
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unlisted(Exception):
    """The pattern holds something that makes neither of its facts sure."""


@dataclass(frozen=True)
class Shape:
    """What the matches of a pattern, or of a piece of one, are made of."""

    openings: frozenset[str] | None      # None: cannot be listed
    marks: tuple[frozenset[str], ...]    # every match holds a character of each set
    may_be_empty: bool


_UNKNOWN = Shape(None, (), False)       # one character of a kind that cannot be listed
_NOTHING = Shape(frozenset(), (), True)     # an anchor or lookaround: it consumes nothing


@dataclass(frozen=True)
class Proof:
    """The tests that prove a text cannot match a pattern."""

    openings: frozenset[str] | None
    mark_finders: tuple[re.Pattern, ...]     # one search of a character class per set of marks


_NO_PROOF = Proof(None, ())


@functools.lru_cache(maxsize=None)
def proof(pattern: regex.Pattern) -> Proof:
    found = shape(pattern)
    if found.may_be_empty:
        return _NO_PROOF
    marks = sorted(dict.fromkeys(found.marks), key=len)[:_MARK_TESTS]     # in pattern order among equals
    finders = tuple(re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]") for chars in marks)
    return Proof(found.openings, finders)


def shape(pattern: regex.Pattern) -> Shape:
    parsed = _parsed(pattern)
    if parsed is None:
        return _UNKNOWN
    try:
        return _sequence(parsed)
    except (_Unlisted, RecursionError):
        return _UNKNOWN


def _parsed(pattern: regex.Pattern):
    """The pattern as the parser of ``re`` reads it, or None where that reading could differ from regex's."""
    if pattern.flags & ~_PLAIN_FLAGS or "[:" in pattern.pattern:     # [[:alpha:]] is a class only in regex
        return None
    text = _UNICODE_PROPERTY.sub(lambda m: m.group(1) + _PROPERTY_STAND_IN, pattern.pattern)
    if _NOT_A_COUNT.search(text):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # what re only warns about (a nested set [[…) is left unread
        try:
            parsed = sre_parser.parse(text, re.VERBOSE if pattern.flags & regex.VERBOSE else 0)
        except (re.error, RecursionError, Warning):
            return None
    return None if parsed.state.flags & re.IGNORECASE else parsed


def sure_words(pattern: regex.Pattern) -> frozenset[str]:
    """Words the pattern matches wherever they stand: the fixed words among its alternatives
    (``(?:企业|公司|\\d+家)`` -> 企业, 公司). A text holding one surely has a match; one holding
    none may still have one."""
    parsed = _parsed(pattern)
    if parsed is None:
        return frozenset()
    try:
        return frozenset(word for word in _alternative_words(parsed) if word)
    except RecursionError:
        return frozenset()


def _alternative_words(items) -> set[str]:
    words = _fixed_words(items)
    if words is not None:
        return words
    if len(items) != 1:
        return set()
    op, av = items[0]
    if op is sre.BRANCH:
        return set().union(*(_alternative_words(alternative) for alternative in av[1]))
    if op is sre.SUBPATTERN and not (av[1] or av[2]):
        return _alternative_words(av[3])
    return set()


def _fixed_words(items) -> set[str] | None:
    """Every string the items in a row match, when they are few and fixed (no class, lookaround or anchor)."""
    words = {""}
    for op, av in items:
        if op is sre.LITERAL and chr(av) != _PROPERTY_STAND_IN:
            choices = {chr(av)}
        elif op is sre.BRANCH:
            choices = set()
            for alternative in av[1]:
                fixed = _fixed_words(alternative)
                if fixed is None:
                    return None
                choices |= fixed
        elif op is sre.SUBPATTERN and not (av[1] or av[2]):
            choices = _fixed_words(av[3])
        elif op is sre.MAX_REPEAT and av[:2] == (0, 1):     # an optional part: (?:地方)?
            choices = _fixed_words(av[2])
            choices = None if choices is None else choices | {""}
        else:
            return None
        if choices is None or len(words) * len(choices) > _MOST_WORDS:
            return None
        words = {word + choice for word in words for choice in choices}
    return words


def openings(pattern: regex.Pattern) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with, or None when they cannot be listed."""
    return proof(pattern).openings


def cannot_match(pattern: regex.Pattern, how: str, text: str, pos: int = 0) -> bool:
    """Whether ``pattern.<how>(text, pos)`` (how: search, finditer, match or fullmatch) is sure to find nothing."""
    facts = proof(pattern)
    if how in ("match", "fullmatch") and facts.openings is not None \
            and (pos >= len(text) or text[pos] not in facts.openings):
        return True
    for finder in facts.mark_finders:
        if finder.search(text, pos) is None:
            return True
    return False


def _sequence(items) -> Shape:
    """Items in a row: the openings of those up to the first that cannot be empty, and the
    marks of all that cannot (every match holds them)."""
    openings: set[str] | None = set()
    marks: list[frozenset[str]] = []
    leading = True
    for op, av in items:
        item = _item(op, av)
        if leading:
            openings = None if openings is None or item.openings is None else openings | item.openings
            leading = item.may_be_empty
        if not item.may_be_empty:
            marks += item.marks
    return Shape(None if openings is None else frozenset(openings), tuple(marks), leading)


def _item(op, av) -> Shape:
    if op is sre.LITERAL:
        char = chr(av)
        return _UNKNOWN if char == _PROPERTY_STAND_IN else Shape(frozenset(char), (frozenset(char),), False)
    if op is sre.IN:
        chars = _class(av)
        return Shape(chars, (chars,), False) if chars is not None else _UNKNOWN
    if op is sre.BRANCH:
        return _either([_sequence(alternative) for alternative in av[1]])
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, items = av
        if add_flags or del_flags:
            raise _Unlisted     # (?i:…) folds case
        return _sequence(items)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS:
        least, _most, items = av
        inner = _sequence(items)
        return inner if least else Shape(inner.openings, (), True)
    if op in _ZERO_WIDTH:
        return _NOTHING
    if op in (sre.ANY, sre.NOT_LITERAL, sre.CATEGORY):
        return _UNKNOWN
    raise _Unlisted     # a back reference, a conditional group


def _either(alternatives: list[Shape]) -> Shape:
    """A match of one alternative holds a character of the set it has fewest of: so every match holds one of
    their union."""
    openings = (None if any(a.openings is None for a in alternatives)
                else frozenset().union(*(a.openings for a in alternatives)))
    may_be_empty = any(a.may_be_empty for a in alternatives)
    if may_be_empty or not all(a.marks for a in alternatives):
        return Shape(openings, (), may_be_empty)
    union = frozenset().union(*(min(a.marks, key=len) for a in alternatives))
    return Shape(openings, (union,), False)


def _class(members) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in members:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _LARGEST_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None     # a negated class, a category, a wide range
    return None if _PROPERTY_STAND_IN in chars else frozenset(chars)
