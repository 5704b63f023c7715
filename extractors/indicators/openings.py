"""The characters a rule pattern's matches can start with, read off the pattern.

Every rule search runs under a time guard, and the guard, not the search,
is most of the cost of a search in a short clause. A match starts with one
of the pattern's opening characters, so a text holding none of them cannot
match and its search is skipped. The answer is a proof, never a guess: a
pattern whose openings cannot be listed for sure (a class such as ``\\d`` or
``[^，]``, a match that may be empty, case folding, syntax only ``regex``
knows) has none, and is always searched.
"""
from __future__ import annotations

import functools
import re
from re import _constants as sre, _parser as sre_parser

import regex

# Flags that leave the characters a match starts with as written.
_PLAIN_FLAGS = regex.UNICODE | regex.VERSION0 | regex.VERBOSE | regex.MULTILINE | regex.DOTALL
# ``\p{Han}`` is regex syntax the parser of ``re`` refuses: it is read as a
# character no set may hold, so a set reaching it has no openings.
_UNICODE_PROPERTY = regex.compile(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}")
_PROPERTY_STAND_IN = "\ue000"
_LARGEST_RANGE = 256    # a class over a wider range is not worth listing
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unlisted(Exception):
    """The pattern holds something whose first character cannot be listed."""


@functools.lru_cache(maxsize=None)
def openings(pattern: regex.Pattern) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with, or None when they cannot be listed."""
    if pattern.flags & ~_PLAIN_FLAGS or "[:" in pattern.pattern:     # [[:alpha:]] is a class only in regex
        return None
    text = _UNICODE_PROPERTY.sub(lambda m: m.group(1) + _PROPERTY_STAND_IN, pattern.pattern)
    try:
        parsed = sre_parser.parse(text, re.VERBOSE if pattern.flags & regex.VERBOSE else 0)
        if parsed.state.flags & re.IGNORECASE:
            return None
        chars, may_be_empty = _sequence(parsed)
    except (re.error, _Unlisted, RecursionError):
        return None
    if may_be_empty or _PROPERTY_STAND_IN in chars:
        return None
    return frozenset(chars)


def cannot_match(pattern: regex.Pattern, how: str, text: str, pos: int = 0) -> bool:
    """Whether ``pattern.<how>(text, pos)`` is sure to find nothing: a search or
    finditer needs an opening anywhere from ``pos``, a match or fullmatch one at ``pos``."""
    chars = openings(pattern)
    if chars is None:
        return False
    if how in ("match", "fullmatch"):
        return pos >= len(text) or text[pos] not in chars
    return chars.isdisjoint(text[pos:] if pos else text)


def _sequence(items) -> tuple[set[str], bool]:
    """The openings of items in a row, and whether all of them may match empty."""
    chars: set[str] = set()
    for op, av in items:
        first, may_be_empty = _item(op, av)
        chars |= first
        if not may_be_empty:
            return chars, False
    return chars, True


def _item(op, av) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        return _class(av), False
    if op is sre.BRANCH:
        chars, may_be_empty = set(), False
        for alternative in av[1]:
            first, empty = _sequence(alternative)
            chars |= first
            may_be_empty = may_be_empty or empty
        return chars, may_be_empty
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, items = av
        if add_flags or del_flags:
            raise _Unlisted
        return _sequence(items)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op in _REPEATS:
        least, _most, items = av
        first, may_be_empty = _sequence(items)
        return first, may_be_empty or least == 0
    if op in _ZERO_WIDTH:
        return set(), True      # an anchor or lookaround consumes nothing: the opening comes after it
    raise _Unlisted     # any character, a negated literal, a category, a back reference


def _class(members) -> set[str]:
    chars: set[str] = set()
    for op, av in members:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _LARGEST_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            raise _Unlisted     # a negated class, a category, a wide range
    return chars
