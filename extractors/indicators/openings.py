"""What the characters of a rule pattern's matches must be, read off the pattern.

Every rule search runs under a time guard, and the guard, not the search,
is most of the cost of a search in a short clause. Two facts of a pattern
prove, without searching, that a text cannot match:

- its openings, the characters a match can start with: ``match`` needs one
  at the start;
- its marks, a set of characters every match holds one of (``\\d+条`` holds
  条): a text holding no mark cannot match anywhere.

The answer is a proof, never a guess: what cannot be listed for sure (a
class such as ``\\d`` or ``[^，]``, case folding, syntax only ``regex``
knows) is left unlisted, and an unlisted fact proves nothing.
"""
from __future__ import annotations

import functools
import re
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
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unlisted(Exception):
    """The pattern holds something that makes neither of its facts sure."""


@dataclass(frozen=True)
class Shape:
    """The facts of a pattern (or a piece of one); None where they cannot be listed."""

    openings: frozenset[str] | None
    marks: frozenset[str] | None
    may_be_empty: bool


_UNKNOWN = Shape(None, None, False)     # one character of a kind that cannot be listed
_NOTHING = Shape(frozenset(), None, True)   # an anchor or lookaround: it consumes nothing


@functools.lru_cache(maxsize=None)
def shape(pattern: regex.Pattern) -> Shape:
    if pattern.flags & ~_PLAIN_FLAGS or "[:" in pattern.pattern:     # [[:alpha:]] is a class only in regex
        return _UNKNOWN
    text = _UNICODE_PROPERTY.sub(lambda m: m.group(1) + _PROPERTY_STAND_IN, pattern.pattern)
    if _NOT_A_COUNT.search(text):
        return _UNKNOWN
    try:
        parsed = sre_parser.parse(text, re.VERBOSE if pattern.flags & regex.VERBOSE else 0)
        if parsed.state.flags & re.IGNORECASE:
            return _UNKNOWN
        found = _sequence(parsed)
    except (re.error, _Unlisted, RecursionError):
        return _UNKNOWN
    return found if not found.may_be_empty else Shape(None, None, True)


def openings(pattern: regex.Pattern) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with, or None when they cannot be listed."""
    return shape(pattern).openings


def cannot_match(pattern: regex.Pattern, how: str, text: str, pos: int = 0) -> bool:
    """Whether ``pattern.<how>(text, pos)`` (how: search, finditer, match or fullmatch) is sure to find nothing."""
    facts = shape(pattern)
    if how in ("match", "fullmatch") and facts.openings is not None \
            and (pos >= len(text) or text[pos] not in facts.openings):
        return True
    return facts.marks is not None and facts.marks.isdisjoint(text[pos:] if pos else text)


def _sequence(items) -> Shape:
    """Items in a row: the openings of those up to the first that cannot be empty, and the
    fewest marks of one that cannot (every match holds that item)."""
    openings: set[str] | None = set()
    marks: frozenset[str] | None = None
    leading = True
    for op, av in items:
        item = _item(op, av)
        if leading:
            openings = None if openings is None or item.openings is None else openings | item.openings
            leading = item.may_be_empty
        if not item.may_be_empty and item.marks is not None and (marks is None or len(item.marks) < len(marks)):
            marks = item.marks
    return Shape(None if openings is None else frozenset(openings), marks, leading)


def _item(op, av) -> Shape:
    if op is sre.LITERAL:
        char = chr(av)
        return _UNKNOWN if char == _PROPERTY_STAND_IN else Shape(frozenset(char), frozenset(char), False)
    if op is sre.IN:
        chars = _class(av)
        return Shape(chars, chars, False) if chars is not None else _UNKNOWN
    if op is sre.BRANCH:
        return _either(_sequence(alternative) for alternative in av[1])
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
        return inner if least else Shape(inner.openings, None, True)
    if op in _ZERO_WIDTH:
        return _NOTHING
    if op in (sre.ANY, sre.NOT_LITERAL, sre.CATEGORY):
        return _UNKNOWN
    raise _Unlisted     # a back reference, a conditional group


def _either(alternatives) -> Shape:
    openings: set[str] | None = set()
    marks: set[str] | None = set()
    may_be_empty = False
    for alternative in alternatives:
        openings = None if openings is None or alternative.openings is None else openings | alternative.openings
        marks = None if marks is None or alternative.marks is None else marks | alternative.marks
        may_be_empty = may_be_empty or alternative.may_be_empty
    return Shape(None if openings is None else frozenset(openings),
                 None if marks is None or may_be_empty else frozenset(marks), may_be_empty)


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
