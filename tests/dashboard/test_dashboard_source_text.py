from dashboard_fixture_data import obs_id_of

from dashboard import source_text


def test_sentence_with_a_line_break_is_found_and_covers_the_number(dataset):
    obs_id = obs_id_of(dataset, "101_shangcheng_window.txt", "9.1%")
    mention = source_text.find_mention(dataset.mentions, obs_id)
    text = dataset.texts[str(mention["doc_id"])]
    start, end = source_text.sentence_span(text, int(mention["start"]), int(mention["end"]), str(mention["sentence"]))
    assert text[start:end] == "2024年，全区新设企业超2000家，\n数字经济核心产业增加值增长9.1%。"


def test_without_the_row_sentence_the_span_runs_between_sentence_ends():
    text = "第一句。全区地区生产总值2803.5亿元，增长4.8%。第三句。"
    start = text.index("2803.5亿元")
    assert source_text.sentence_span(text, start, start + 8) == (4, text.index("第三句"))


def test_passage_is_the_article_and_the_number_is_marked(dataset):
    obs_id = obs_id_of(dataset, "101_shangcheng_window.txt", "2803.5亿元")
    mention = source_text.find_mention(dataset.mentions, obs_id)
    passage = source_text.source_passage(dataset, mention)
    text = dataset.texts[str(mention["doc_id"])]
    assert passage.article_title == "“新上城”何以成为“最杭州”窗口示范"
    assert text[passage.number_start:passage.number_end] == "2803.5亿元"
    assert "小营街道仅" not in text[passage.passage_start:passage.passage_end]   # the next article
    html = source_text.highlighted_passage_html(text, passage)
    assert '<mark class="number"' in html and "2803.5亿元</mark>" in html
    sentence_html = html[html.index('<mark class="sentence"'):]
    assert sentence_html.index("全区地区生产总值从2020年的") < sentence_html.index("2803.5亿元</mark>")


def test_html_is_escaped():
    assert "&lt;script&gt;" in source_text.sentence_with_number_html("<script>增长4.8%", "4.8%")


def test_other_figures_of_the_document(dataset):
    obs_id = obs_id_of(dataset, "103_hangzhou_bulletin.txt", "2803.5亿元")
    mention = source_text.find_mention(dataset.mentions, obs_id)
    others = source_text.other_figures_in_document(dataset.mentions, str(mention["doc_id"]), obs_id)
    assert list(others["raw_text"]) == ["21860亿元", "4.7%", "1262.4万人", "2610.4亿元", "1391.9亿元", "30000亿元"]
