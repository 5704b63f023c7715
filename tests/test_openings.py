"""The opening characters of rule patterns: a search is skipped only when it cannot match."""
import regex

from extractors.indicators.openings import cannot_match, openings, shape
from extractors.indicators.rulebook import load_rulebook


def test_openings_are_listed_only_when_sure():
    assert openings(regex.compile("(?:企业|公司)(?:数)?")) == frozenset("企公")
    assert openings(regex.compile("^(?:按|比)?增长")) == frozenset("按比增")     # an optional lead adds its own
    assert openings(regex.compile("(?<!\\p{Han})(?:男|女)")) == frozenset("男女")   # a lookbehind consumes nothing
    assert openings(regex.compile("[一二三]年")) == frozenset("一二三")
    for unlisted in (r"\d+家", "[^，]{0,8}企业", "(?:企业)?", "(?i)gdp", "\\p{Han}业", "[\\p{Han}]业", ".企业",
                     "(?:a|b)*", "[[a]b"):     # a nested set: re only warns of it
        assert openings(regex.compile(unlisted)) is None, unlisted


def test_marks_are_characters_every_match_holds_one_of():
    assert shape(regex.compile(r"^\d+条$")).marks == (frozenset("条"),)
    assert shape(regex.compile(r"(?:产业|行业|\p{Han}业)$")).marks == (frozenset("产行业"),)
    assert shape(regex.compile(r"人均(?:GDP|生产总值)")).marks == (frozenset("人"), frozenset("均"), frozenset("G生"))
    assert shape(regex.compile(r"(?:\d+岁)?人口")).marks == (frozenset("人"), frozenset("口"))   # optional: no proof
    assert shape(regex.compile(r"\d+(?:条)?")).marks == ()
    assert shape(regex.compile(r"(?:ab){e<=1}")).marks == ()     # fuzzy matching: regex syntax only
    assert cannot_match(regex.compile(r"\d+条"), "search", "新增12项")
    assert not cannot_match(regex.compile(r"\d+条"), "search", "出台12条")
    assert cannot_match(regex.compile("企业"), "match", "新增企业")     # a match must open with 企
    assert not cannot_match(regex.compile("企业"), "search", "新增企业")
    assert cannot_match(regex.compile("人均GDP"), "search", "人口和GDP")     # 均 is missing


def test_a_skipped_search_is_one_that_finds_nothing():
    book = load_rulebook()
    patterns = [p for rule in book.quantity_rules
                for p in (rule.context.before, rule.context.after, rule.context.not_before) if p is not None]
    patterns += [pattern for pattern, _, _ in book.veto_screen.checks + book.kind_screen.checks]
    texts = ["全区地区生产总值2803.5亿元，增长4.8%", "规模以上工业企业达到120家", "今年以来", "",
             "的增长", "人均可支配收入", "占比", "男性人口"]
    skipped = 0
    for pattern in patterns:
        for text in texts:
            for how in ("search", "match", "finditer"):
                if cannot_match(pattern, how, text):
                    skipped += 1
                    found = next(pattern.finditer(text), None) if how == "finditer" else getattr(pattern, how)(text)
                    assert found is None, (pattern.pattern, how, text)
    assert skipped


def test_sure_words_are_fixed_alternatives_and_say_only_yes():
    from extractors.indicators.openings import sure_words

    assert sure_words(regex.compile(r"(?:企业|公司|\d+家)")) == frozenset({"企业", "公司"})
    assert sure_words(regex.compile(r"(?:地方)?财政收入|人均(?:GDP|生产总值)")) == frozenset(
        {"财政收入", "地方财政收入", "人均GDP", "人均生产总值"})
    assert sure_words(regex.compile(r"经济(?=增长)|(?<!增长)率")) == frozenset()   # a lookaround is no fixed word
    book = load_rulebook()
    for text in ("全区规模以上工业企业达到120家", "从增速看，乙县增速最快，达到8.1%", "常住人口为52.3万人"):
        if book.surely_names_own_cue(text):
            assert book.own_cues.search(text), text
    assert book.surely_names_own_cue("全区规模以上工业企业达到120家")
