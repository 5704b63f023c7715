"""Hostile text in the viewer: shown as the characters it is, never as markup, links or scripts.

Unit tests of the escaping functions (``dashboard.escaping``, the HTML of
``source_text``), then every view run by ``AppTest`` over data whose text
columns all carry payloads: no markdown body holds an unescaped character
that opens markup, no HTML body holds a tag of the text, no Plotly label
holds a tag. ``test_hostile_browser.py`` checks the same in chromium.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import shown
from dashboard_fixture_data import obs_id_of, write_data_dir
from hostile_documents import LITERALS, OTHER_FILE, OTHER_TITLE, SENTENCE, extract_hostile_data
from hypothesis import given, settings
from hypothesis import strategies as st

from apptest_helpers import APP
from dashboard import datastore, queries, source_text
from dashboard.escaping import (COLON_ENTITY, WORD_JOINER, html_literal, markdown_link, markdown_literal,
                               plotly_literal)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[点我](javascript:alert(1))",
    "![图](javascript:alert(1))",
    ":red[红字]",
    "$$x^2$$",
    "$x$",
    "**bold**",
    "_斜体_ *斜体*",
    "~~删除~~",
    "`code`",
    "&lt;b&gt; &#x3C;script&#x3E;",
    "<https://evil.example>",
    "https://evil.example www.evil.example a@evil.example",
    ":material/home: :smile:",
    "a | b\n--- | ---",
    "# 标题\n- 列表\n> 引用",
    "\\*not bold\\*",
]
# Characters that open Markdown, GFM or Streamlit markup anywhere in a line.
MARKUP = re.compile(r"(?<!\\)(?:\\\\)*([`*_~\[\]<>&#|$:@])")


def _unescaped_markup(markdown: str) -> list[str]:
    """Markup characters of ``markdown`` that carry no backslash (an escaped backslash does not count).

    ``&#58;`` is how a colon of the text is written (a colon of the data is never ``&#58;``
    in the output: its ``&`` and ``#`` carry backslashes).
    """
    return [match.group(1) for match in MARKUP.finditer(markdown.replace(COLON_ENTITY, ""))]


def _without_the_views_own_markup(line: str) -> str:
    """A line of a view's markdown less the markup the view writes itself.

    The views write ``- `` and ``- **标题**: `` before list items, ``**...**``
    around a whole heading line (maybe followed by `` · 2 个来源``) and links to
    http(s) addresses (``markdown_link``); everything else came from the data.
    """
    line = re.sub(r"^- (?:\*\*[^*\\]+\*\*: )?", "", line)
    line = re.sub(r"\[((?:[^\[\]\\]|\\.)*)\]\(https?://[^\s()<>\[\]]*\)", r"\1", line)
    bold = re.fullmatch(r"\*\*(.*)\*\*( · [^*]*)?", line)
    return bold.group(1) + (bold.group(2) or "") if bold else line


# ---------------------------------------------------------------- escaping functions

@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_literal_escapes_every_markup_character_and_reads_back(payload):
    escaped = markdown_literal(payload)
    assert _unescaped_markup(escaped) == []
    assert "\n" not in escaped and "\r" not in escaped
    assert shown(escaped) == " ".join(payload.splitlines())


@settings(deadline=None)   # a busy machine must not fail a test of correctness
@given(st.text())
def test_markdown_literal_of_any_text_reads_back_without_markup(text):
    escaped = markdown_literal(text)
    assert _unescaped_markup(escaped) == []
    assert not re.search(r"[\r\n\u2028\u2029\x0b\x0c\x85]", escaped)
    assert shown(escaped) == re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x85]+", " ", text).replace(WORD_JOINER, "")


@pytest.mark.parametrize("address", ["https://evil.example/x", "www.evil.example", "WWW.evil.example",
                                     "a@evil.example", "mailto:a@evil.example", "ftp://evil.example"])
def test_bare_addresses_are_broken_by_an_invisible_word_joiner(address):
    """GFM links bare addresses from the text after escapes are read; a word joiner stops it."""
    assert shown(markdown_literal(f"见{address}。")) == f"见{address}。"
    flat = markdown_literal(address).replace("\\", "").replace(COLON_ENTITY, ":")
    assert not re.search(r"(?i)https?://|www\.|\w@\w", flat)


@pytest.mark.parametrize("text, escaped", [
    ("- 列表", "\\- 列表"), ("+ 列表", "\\+ 列表"), ("1. 第一", "1\\. 第一"),
    ("  12) 第二", "  12\\) 第二"),
    ("=== 标题", "\\=== 标题"), ("2803.5亿元，增长4.8%", "2803.5亿元，增长4.8%"),
])
def test_a_block_marker_at_the_start_is_escaped_and_other_text_is_left_alone(text, escaped):
    assert markdown_literal(text) == escaped


def test_markdown_link_only_for_http():
    assert markdown_link("官网", "https://www.hangzhou.gov.cn/a b(c)") == (
        "[官网](https://www.hangzhou.gov.cn/a%20b%28c%29)")
    for hostile in ("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>",
                    "vbscript:x", "http://evil\n[x](javascript:alert(1))", "//evil.example", "http://[::1"):
        link = markdown_link("点我", hostile)
        assert _unescaped_markup(link) == [] and shown(link) == " ".join(hostile.strip().splitlines()), hostile


def test_html_and_plotly_escapes():
    assert html_literal('<img src=x onerror="a">&\'') == "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#x27;"
    assert plotly_literal("<a href='https://evil'>x</a><br>") == "&lt;a href='https://evil'&gt;x&lt;/a&gt;&lt;br&gt;"


def test_the_link_to_a_source_carries_only_the_id():
    assert queries.source_link("0123abcd") == "source?obs=0123abcd"
    assert queries.source_link("x&lang=en#<script>") == "source?obs=x%26lang%3Den%23%3Cscript%3E"
    assert queries.source_link("javascript:alert(1)").startswith("source?obs=javascript%3A")


def test_highlighted_passage_escapes_text_around_sentence_and_number():
    text = "<b>前文</b>。<script>alert(1)</script>增长<i>4.8%</i>。<img src=x onerror=alert(1)>"
    number_start = text.index("4.8%")
    passage = source_text.SourcePassage("<title>", 0, len(text), text.index("<script>"), text.index("<img") - 1,
                                        number_start, number_start + 4)
    body = source_text.highlighted_passage_html(text, passage)
    assert re.findall(r"<(\w+)", body) == ["div", "mark", "mark"]          # only the dashboard's own tags
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text
    assert '<mark class="number"' in body and "4.8%</mark>" in body


def test_sentence_with_number_escapes_the_number_too():
    body = source_text.sentence_with_number_html("<b>增长</b><i>4.8%</i>", "<i>4.8%</i>")
    assert re.findall(r"<(\w+)", body) == ["mark"]
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == "<b>增长</b><i>4.8%</i>"


# ---------------------------------------------------------------- every view, over hostile data

def _markdown_bodies(app) -> list[str]:
    """Every text of the last run that Streamlit renders as markdown."""
    bodies = [element.value for kind in ("markdown", "caption", "title", "header", "subheader",
                                         "error", "warning", "info", "success") for element in app.get(kind)]
    bodies += [part for metric in app.get("metric") for part in (metric.proto.label, metric.proto.help)]
    bodies += [expander.proto.label for expander in app.get("expandable")]
    return bodies


def _html_bodies(app) -> list[str]:
    return [str(element.proto.body) for element in app.get("html")]


def _plotly_texts(app) -> list[str]:
    import json

    texts = []
    for chart in app.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        texts.append(str(figure["layout"].get("title", {}).get("text", "")))
        for trace in figure["data"]:
            texts += [str(x) for x in trace.get("x", [])] + [str(trace.get("name", ""))]
    return texts


def _assert_nothing_renders(app) -> None:
    assert not app.exception, app.exception
    for body in _markdown_bodies(app):
        for line in body.splitlines():
            assert _unescaped_markup(_without_the_views_own_markup(line)) == [], body
    for body in _html_bodies(app):
        assert not re.search(r"<(script|img|svg|iframe|a|b|i)\b", body, re.IGNORECASE), body
    for text in _plotly_texts(app):
        assert "<" not in text, text


@pytest.fixture
def hostile_rows_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The fixture data with a payload in front of every text a view shows: region, subject, titles, names."""
    from streamlit.testing.v1 import AppTest

    data_dir = write_data_dir(tmp_path / "data")
    rows = pd.read_parquet(data_dir / "indicators.parquet")
    payloads = iter(PAYLOADS * 10)
    regions = {name: next(payloads).replace("\n", " ") + name
               for name in set(rows["region"]) | set(rows["region_parent"])}
    rows["region"] = rows["region"].map(regions)
    rows["region_parent"] = rows["region_parent"].map(lambda name: regions.get(name, name))
    rows["subject"] = ["<img src=x onerror=alert(1)>" + subject + ":red[红]" for subject in rows["subject"]]
    rows["source_file"] = "[点我](javascript:alert(1)) " + rows["source_file"]
    rows["article_title"] = "**粗**" + rows["article_title"]
    rows.to_parquet(data_dir / "indicators.parquet", index=False)
    documents = datastore.read_documents(data_dir)
    with (data_dir / "documents.jsonl").open("w", encoding="utf-8") as handle:
        import json

        for document in documents:
            document |= {"title": "<script>alert(1)</script>$$x$$" + str(document["title"]),
                         "source_file": "[点我](javascript:alert(1)) " + document["source_file"],
                         "publisher": ":red[发布] <b>者</b>", "url": "javascript:alert(1)"}
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds))
    return AppTest.from_file(str(APP), default_timeout=60), data_dir


@pytest.mark.parametrize("view", ["overview", "compare", "table", "documents"])
def test_no_view_renders_markup_from_the_data(hostile_rows_app, view):
    app, _ = hostile_rows_app
    app.run()
    app.switch_page(f"views/{view}.py").run()
    _assert_nothing_renders(app)
    if view == "compare":
        assert _plotly_texts(app), "the bars were drawn"
        picker = app.selectbox(key="c_fact")
        picker.set_value(picker.options[1]).run()              # the sources of a fact, with their captions
        _assert_nothing_renders(app)


def test_source_view_renders_no_markup_from_the_data(hostile_rows_app):
    app, data_dir = hostile_rows_app
    rows = datastore.read_rows(data_dir)
    app.run()
    app.switch_page("views/source.py")
    app.query_params["obs"] = str(rows.loc[rows["raw_text"] == "1363.2亿元", "obs_id"].iloc[0])   # in conflict
    app.run()
    _assert_nothing_renders(app)
    text = "\n".join(shown(body) for body in _markdown_bodies(app))
    assert "<script>alert(1)</script>$$x$$" in text and ":red[发布] <b>者</b>" in text
    assert "- **URL**: javascript:alert(1)" in text            # a javascript: URL is text, not a link
    assert "与之冲突的数值" in text


def test_a_hostile_id_in_the_url_is_shown_as_text(app):
    app.run()
    app.switch_page("views/source.py")
    app.query_params["obs"] = "[点我](javascript:alert(1))<img src=x onerror=alert(1)>"
    app.run()
    _assert_nothing_renders(app)
    assert shown(app.error[0].value).endswith("[点我](javascript:alert(1))<img src=x onerror=alert(1)>")


def test_source_view_of_an_extracted_hostile_document(tmp_path, monkeypatch):
    """The real extraction of a hostile page: its title, sentence and file name reach the Source view as text."""
    from streamlit.testing.v1 import AppTest

    data_dir = extract_hostile_data(tmp_path / "seeds", tmp_path / "data")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(tmp_path / "seeds"))
    dataset = queries.build_dataset(datastore.read_rows(data_dir), datastore.read_documents(data_dir))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("views/source.py")
    app.query_params["obs"] = obs_id_of(dataset, OTHER_FILE, "2803.5亿元")
    app.run()
    _assert_nothing_renders(app)
    text = "\n".join(shown(body) for body in _markdown_bodies(app))
    assert f"所在文章：{OTHER_TITLE}" in text
    assert OTHER_FILE in text
    shown_html = "\n".join(html.unescape(re.sub(r"<[^>]+>", "", body)) for body in _html_bodies(app))
    assert SENTENCE.split("。")[0] in shown_html                # the other source of the same fact, literally
    assert all(literal in text for literal in LITERALS)         # its article title, in the caption of that source
