"""Does a short place name stand as a word where it was found, or is it inside ordinary words?

``市委和县委`` holds 和县, ``其中城镇居民`` 中城镇, ``振兴山区`` 兴山区: a short
name matched by its characters alone is most often part of other words.
The test is the one a Chinese word segmenter makes (jieba's unigram model):
over the run of Han characters around the name, the most probable split
into dictionary words, with the name added as one more word, either has the
name as one of its words or it has not (市委/和/县委, 其中/城镇居民).

Word counts come from the maintained package the gazetteer already comes
from: jionlp's ``word_distribution`` (about 197,000 words counted over a
news corpus, single characters included) and its idiom list (大同小异,
玉树临风), which the counts mostly lack.

Only short names are tested (see ``mentions``): a name of four characters
or more is hardly ever an accident of the characters around it.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import zipfile
from pathlib import Path

from extractors.regions import jionlp_data
from extractors.regions.cache import cache_directory, read_cached, write_cached

# How far the split looks on each side of the name, in characters: the words
# that can swallow a name's first or last character are at most this long.
WINDOW = 4
# The count a name gets when the word counts lack it, or give it less: a
# word of middling frequency (和县 alone is counted 7,512 times). Higher, a
# name wins splits it should lose (振/兴山区 over 振兴/山区); lower, it
# loses splits it should win (在/兴山区).
NAME_COUNT = 3000
# A character the counts do not know: half of one occurrence.
UNKNOWN_COUNT = 0.5
_LONGEST_WORD = 8
_FORMAT = 1


def is_han(character: str) -> bool:
    """A CJK ideograph (the basic block and extension A)."""
    return "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf"


_PREFIX_ONLY = None  # in ``WordCounts.entries``: the start of a word, no word itself
_ABSENT = 0.0         # no log-probability is 0: a word is never certain


class WordCounts:
    """Log-probabilities of words; the split of a run of characters into the most probable words."""

    def __init__(self, entries: dict[str, float | None], total: float) -> None:
        """``entries``: every word with its log-probability, and every start
        of a word with ``_PREFIX_ONLY`` (see ``word_entries``)."""
        self.entries, self.total = entries, total
        self.unknown = math.log(UNKNOWN_COUNT / total)
        self.name_floor = math.log(NAME_COUNT / total)
        self._known: dict[tuple[str, int, int, bool], bool] = {}

    def split_around(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The most probable words of the Han run around ``[start, end)``
        (at most ``WINDOW`` characters each side), the name counted as a word
        of at least ``NAME_COUNT``; as ``(start, end)`` spans of ``text``."""
        low, high = _window(text, start, end)
        return [(low + i, low + j) for i, j in self._split(text[low:high], start - low, end - low)]

    def _split(self, window: str, start: int, end: int) -> list[tuple[int, int]]:
        entries, unknown = self.entries, self.unknown
        name_score = max(entries.get(window[start:end]) or self.name_floor, self.name_floor)
        size = len(window)
        best = [-math.inf] * (size + 1)
        best[0] = 0.0
        back = [0] * (size + 1)
        for i in range(size):
            here = best[i]
            if here == -math.inf:
                continue
            # the character alone, known or not
            score = entries.get(window[i])
            score = here + (score if score else unknown)
            if score > best[i + 1]:
                best[i + 1], back[i + 1] = score, i
            j = i + 2
            while j <= size:
                score = entries.get(window[i:j], _ABSENT)
                if score is _PREFIX_ONLY:
                    j += 1
                    continue
                if score == _ABSENT:
                    break
                score += here
                if score > best[j]:
                    best[j], back[j] = score, i
                j += 1
            if i == start:
                score = here + name_score
                if score > best[end]:
                    best[end], back[end] = score, i
        words = []
        j = size
        while j > 0:
            i = back[j]
            words.append((i, j))
            j = i
        words.reverse()
        return words

    def stands_as_word(self, text: str, start: int, end: int, suffixed: bool) -> bool:
        """True when the most probable split has ``text[start:end]`` as a word.
        A ``suffixed`` name of three characters or more (杭州市, 上城区) also
        stands where a longer word begins with it and goes on with a word
        that begins with its suffix (杭州市区: 市区, 北京市委: 市委): such
        words name offices and parts of that very unit (柔远镇迩 does not)."""
        if (start == 0 or not is_han(text[start - 1])) and (end == len(text) or not is_han(text[end])):
            return True  # alone between punctuation: nothing to be part of
        low, high = _window(text, start, end)
        key = (text[low:high], start - low, end - low, suffixed)
        known = self._known.get(key)
        if known is None:
            if len(self._known) > _REMEMBERED:
                self._known.clear()
            known = self._known[key] = self._stands(*key)
        return known

    def is_common_word(self, word: str) -> bool:
        """A word counted at least as often as a place name is assumed to be (``NAME_COUNT``)."""
        entry = self.entries.get(word)
        return bool(entry) and math.exp(entry) * self.total >= NAME_COUNT

    def _stands(self, window: str, start: int, end: int, suffixed: bool) -> bool:
        for word_start, word_end in self._split(window, start, end):
            if word_start == start:
                return word_end == end or (suffixed and word_end > end and end - start >= 3
                                           and bool(self.entries.get(window[end - 1:word_end])))
            if word_start > start:
                return False
        return False


# Windows whose answer is kept: pages repeat their names with the same words around them.
_REMEMBERED = 50000


_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_HAN_RUN_ENDING = re.compile(f"[{_HAN}]*$")
_HAN_RUN = re.compile(f"[{_HAN}]*")


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The Han characters around ``[start, end)``, at most ``WINDOW`` each side."""
    low = max(0, start - WINDOW)
    return _HAN_RUN_ENDING.search(text, low, start).start(), _HAN_RUN.match(text, end, end + WINDOW).end()
    return False


def _read_counts(directory: Path) -> dict[str, float]:
    """``word_distribution.json`` holds one ``["word", count]`` per line; the
    idiom list ``idiom<TAB>count``. A word in both keeps its distribution count."""
    counts: dict[str, float] = {}
    with zipfile.ZipFile(directory / "word_distribution.zip") as archive:
        lines = archive.read("word_distribution.json").decode("utf-8").splitlines()
    for line in lines:
        line = line.strip().rstrip(",")
        if not line.startswith("[\""):
            continue
        word, count = json.loads(line)
        if count > 0 and all(map(is_han, word)):
            counts[word] = float(count)
    with zipfile.ZipFile(directory / "chinese_idiom.zip") as archive:
        lines = archive.read("chinese_idiom.txt").decode("utf-8").splitlines()
    for line in lines:
        fields = line.split("\t")
        if len(fields) == 2 and fields[1].isdigit() and all(map(is_han, fields[0])):
            counts.setdefault(fields[0], max(float(fields[1]), 1.0))
    return counts


def word_entries(counts: dict[str, float]) -> tuple[dict[str, float | None], float]:
    """Word counts -> (entries, total): each word's log-probability, and
    ``_PREFIX_ONLY`` for each start of a word that is no word itself, so the
    split extends a piece of text only while it still starts some word."""
    total = sum(counts.values())
    entries: dict[str, float | None] = {}
    for word, count in counts.items():
        if len(word) <= _LONGEST_WORD:
            for length in range(1, len(word)):
                entries.setdefault(word[:length], _PREFIX_ONLY)
            entries[word] = math.log(count / total)
    return entries, total


def _cache_path(directory: Path) -> Path:
    digest = hashlib.sha256(f"{_FORMAT}:{jionlp_data.version()}:{WINDOW}:{NAME_COUNT}:{UNKNOWN_COUNT}".encode())
    digest.update(Path(__file__).read_bytes())
    return cache_directory() / f"word-counts-{digest.hexdigest()[:20]}.pickle"


@functools.cache
def load_word_counts() -> WordCounts:
    """The process-wide word counts (read from jionlp once, then from the disk cache)."""
    directory = jionlp_data.dictionary_directory()
    path = _cache_path(directory)
    cached = read_cached(path)
    if not (isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], dict)):
        cached = word_entries(_read_counts(directory))
        write_cached(path, cached)
    return WordCounts(*cached)
