"""False place names per 10,000 ordinary words: the region matcher over word lists that name no place.

    python benchmarks/false_place_names.py [--pairs N] [--every N]

The words come from jionlp, the package the gazetteer comes from:

* its idiom list (``chinese_idiom``: 大同小异, 玉树临风, 万古长春);
* the headwords of its general dictionary (``chinese_word_dictionary``:
  日照时数, 上山下乡, 示范县);
* pairs of its most common words, joined (``word_distribution``): 和 + 县委,
  振兴 + 山区, the way names turn up across the words of a sentence.

Left out, so that what is found is false: a word that is itself a name the
matcher knows; a headword whose definition names a place the headword holds
(四川盆地, "在四川东部"); a common word that holds a name at all (pairs are
built from words that hold none, so a name found in a pair spans the joint).

Each word is the second line of a page whose first line names every
province: the gates that ask for a named province or ancestor are all open,
and the word is not the page's headline. A name found in the word's line is
a false place name. ``before`` is the same matcher without the word test.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.regions import load_gazetteer, region_matcher  # noqa: E402
from extractors.regions.mentions import RegionMatcher  # noqa: E402
from extractors.regions.jionlp_data import dictionary_directory  # noqa: E402
from extractors.regions.words import is_han  # noqa: E402

COMMON_WORDS = 20000
SEED = 20240601


@dataclass
class Figure:
    words: int
    false_names: int
    examples: list[tuple[str, str]]

    @property
    def per_10000(self) -> float:
        return 10000 * self.false_names / self.words if self.words else 0.0


def _zip_lines(name: str, member: str) -> list[str]:
    with zipfile.ZipFile(dictionary_directory() / name) as archive:
        return archive.read(member).decode("utf-8").splitlines()


def neutral_words(surfaces) -> list[str]:
    """Idioms and dictionary headwords that are no place and name none."""
    finder = ahocorasick_rs.AhoCorasick(list(surfaces))
    words = []
    for line in _zip_lines("chinese_idiom.zip", "chinese_idiom.txt"):
        word = line.split("\t")[0]
        if word and word not in surfaces and all(map(is_han, word)):
            words.append(word)
    for line in _zip_lines("chinese_word_dictionary.zip", "chinese_word_dictionary.txt"):
        word, _, definition = line.partition("\t")
        if not word or word in surfaces or not all(map(is_han, word)):
            continue
        held = {word[start:end] for _, start, end in finder.find_matches_as_indexes(word, overlapping=True)}
        if any(name in definition for name in held):
            continue
        words.append(word)
    return list(dict.fromkeys(words))


def word_pairs(surfaces, count: int) -> list[str]:
    """``count`` pairs of common words that hold no name, joined."""
    finder = ahocorasick_rs.AhoCorasick(list(surfaces))
    counted = []
    for line in _zip_lines("word_distribution.zip", "word_distribution.json"):
        line = line.strip().rstrip(",")
        if line.startswith("[\""):
            word, frequency = json.loads(line)
            if 1 <= len(word) <= 4 and all(map(is_han, word)):
                counted.append((frequency, word))
    counted.sort(reverse=True)
    common = [word for _, word in counted if not finder.find_matches_as_indexes(word, overlapping=True)]
    common = common[:COMMON_WORDS]
    rng = random.Random(SEED)
    pairs = []
    while len(pairs) < count:
        pair = rng.choice(common) + rng.choice(common)
        if pair not in surfaces:  # 习 + 水 is 习水, a county's name
            pairs.append(pair)
    return pairs


def false_place_names(matcher: RegionMatcher, words: list[str], heading: str) -> Figure:
    false_names, examples = 0, []
    offset = len(heading) + 1
    for word in words:
        found = [m for m in matcher.find(f"{heading}\n{word}") if m.start >= offset]
        false_names += len(found)
        if found and len(examples) < 20:
            examples.append((word, found[0].surface))
    return Figure(len(words), false_names, examples)


def measure(pairs: int = 50000, every: int = 1) -> dict[str, tuple[Figure, Figure]]:
    """Per word list: (before, after), i.e. without and with the word test;
    ``every``: take every n-th word of the idioms and headwords only."""
    gazetteer = load_gazetteer()
    after = region_matcher(gazetteer)
    before = RegionMatcher(gazetteer, after.index, test_words=False)
    surfaces = frozenset(after.index.candidates)
    heading = "".join(region.name for region in gazetteer.regions() if region.level == "province")
    lists = {"idioms and dictionary words": neutral_words(surfaces)[::every],
             "pairs of common words": word_pairs(surfaces, pairs)}
    return {label: (false_place_names(before, words, heading), false_place_names(after, words, heading))
            for label, words in lists.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=50000, help="pairs of common words to join")
    parser.add_argument("--every", type=int, default=1, help="take every n-th idiom and headword only")
    arguments = parser.parse_args()
    for label, (before, after) in measure(arguments.pairs, arguments.every).items():
        print(f"{label}: {before.words:,} words")
        print(f"  before (no word test): {before.false_names:5d} false place names, {before.per_10000:6.2f} per 10,000")
        print(f"  after:                 {after.false_names:5d} false place names, {after.per_10000:6.2f} per 10,000")
        if after.false_names:
            print(f"  {before.false_names / after.false_names:.1f}x fewer; left:",
                  ", ".join(f"{word} ({name})" for word, name in after.examples))
        print("  before, e.g.:", ", ".join(f"{word} ({name})" for word, name in before.examples[:12]))


if __name__ == "__main__":
    main()
