"""Labels of the dashboard in Chinese (default) and English.

Every text a person reads goes through ``label(key, lang)``; indicator,
unit and family names come from the extraction's catalog, qualifier and
level names from the tables below.
"""
from __future__ import annotations

from extractors.catalog import BASE_UNITS, FAMILIES, INDICATORS, MEASURES

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# Indicators, families and units are named by the catalog (extractors/catalog/*.yaml).
INDICATOR_LABELS: dict[str, tuple[str, str]] = {i.id: (i.zh, i.en) for i in INDICATORS.values()}

# Indicator families group the catalog for the sidebar filter.
INDICATOR_FAMILIES: dict[str, tuple[str, ...]] = {
    family: tuple(i.id for i in INDICATORS.values() if i.family == family) for family in FAMILIES}

FAMILY_LABELS: dict[str, tuple[str, str]] = FAMILIES

LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "province": ("省", "Province"),
    "city": ("市", "City"),
    "county": ("区县", "District / county"),
    "town": ("街道乡镇", "Street / town"),
    "": ("未定", "Unknown"),
}

QUALIFIER_LABELS: dict[str, tuple[str, str]] = {
    "exact": ("确数", "exact"),
    "approx": ("约数", "approximately"),
    "over": ("超过", "over"),
    "under": ("不到", "under"),
}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "fact": ("事实", "fact"),
    "target": ("目标", "target"),
    "threshold": ("门槛", "threshold"),
    "label": ("称号", "label"),
}

UNIT_LABELS: dict[str, tuple[str, str]] = {u.id: (u.zh, u.en) for u in BASE_UNITS.values()}

# Measures are named by the catalog (catalog/measures.yaml); `other` is a subject's own series.
MEASURE_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    (indicator, m.id): (m.zh, m.en) for indicator, measures in MEASURES.items() for m in measures.values()}
OTHER_MEASURE_LABEL = ("其他（按统计对象）", "Other (by subject)")

PERIOD_KIND_LABELS: dict[str, tuple[str, str]] = {
    "year": ("年度", "Annual"),
    "half": ("半年", "Half-year"),
    "quarter": ("季度", "Quarter"),
    "months": ("年初至某月累计", "Months to date"),
    "month": ("月度", "Month"),
    "span": ("多年（年均）", "Several years (average)"),
    "date": ("时点", "Point in time"),
}
_QUARTERS_ZH = {"1": "一", "2": "二", "3": "三", "4": "四"}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("区域发展指标", "Regional development indicators"),
    "page_overview": ("概览", "Overview"),
    "page_compare": ("对比", "Compare"),
    "page_table": ("数据表", "Table"),
    "page_source": ("来源", "Source"),
    "page_documents": ("文档", "Documents"),
    "page_map": ("地图", "Map"),
    "language": ("English", "English"),
    "filters": ("筛选", "Filters"),
    "filter_region": ("地区（含下级）", "Region (with sub-units)"),
    "filter_family": ("指标类别", "Indicator family"),
    "filter_indicator": ("指标", "Indicator"),
    "filter_subject": ("统计对象搜索", "Subject search"),
    "filter_years": ("年份范围", "Year range"),
    "filter_undated": ("包含未注明年份的数据", "Include rows without a year"),
    "filter_qualifier": ("限定词", "Qualifier"),
    "filter_kind": ("数据类型", "Kind of figure"),
    "filter_reset": ("清除筛选", "Clear filters"),
    "all": ("全部", "All"),
    "no_data": ("没有数据。请在“文档”页上传文档，或把 .txt 文件放进 seeds/ 后重新提取。",
                "No data yet. Upload documents on the Documents page, or put .txt files into seeds/ and extract again."),
    "no_rows_match": ("没有符合筛选条件的数据。", "No rows match the filters."),
    "extracting": ("正在提取 {done}/{total}：{name}", "Extracting {done}/{total}: {name}"),
    "extraction_done": ("提取完成：{documents} 篇文档。", "Extraction finished: {documents} documents."),
    "extraction_failed_file": ("未能提取：{error}", "Not extracted: {error}"),
    "pipeline_missing": ("提取程序暂不可用（extractors.pipeline）：{error}。显示现有数据。",
                         "The extraction pipeline is not available (extractors.run.pipeline): {error}. Showing the data at hand."),
    "data_stale": ("seeds/ 比 data/ 新，需要重新提取。", "seeds/ is newer than data/; the data needs a new extraction."),
    "documents": ("文档", "Documents"),
    "mentions": ("提及", "Mentions"),
    "facts": ("事实", "Facts"),
    "conflicts": ("冲突", "Conflicts"),
    "regions": ("地区", "Regions"),
    "key_figures": ("关键数据", "Key figures"),
    "coverage": ("覆盖情况", "Coverage"),
    "coverage_caption": ("每格为有数据的年份；“—”表示缺失。", "Each cell lists the years with data; “—” means missing."),
    "missing": ("缺失", "Missing"),
    "missing_none": ("核心指标均有数据。", "Every core indicator has data."),
    "undated": ("未注明年份", "no year"),
    "sources_count": ("{n} 个来源", "{n} sources"),
    "conflict_badge": ("有冲突", "conflicting values"),
    "compare_indicator": ("对比指标", "Indicator to compare"),
    "compare_level": ("地区层级", "Region level"),
    "compare_unit": ("单位", "Unit"),
    "compare_subject": ("统计对象", "Subject"),
    "compare_year": ("年份", "Year"),
    "compare_latest": ("各地区最新年份", "Latest year per region"),
    "compare_other_subjects": ("同一指标的其他统计对象（不在同一坐标轴上比较）：{subjects}",
                               "Other subjects of this indicator (not put on the same axis): {subjects}"),
    "compare_measure": ("口径", "Measure"),
    "compare_other_measures": ("同一指标的其他口径（不在同一坐标轴上比较）：{measures}",
                               "Other measures of this indicator (not put on the same axis): {measures}"),
    "compare_period_kind": ("时期类型", "Kind of period"),
    "compare_period": ("时期", "Period"),
    "compare_lines_title": ("{series}：历年变化（年度与半年、季度各成一线）",
                            "{series} over the years (annual, half-year and quarterly values on separate lines)"),
    "compare_median": ("中位数 {value}", "median {value}"),
    "chart_source_line": ("来源：{sources}", "Sources: {sources}"),
    "chart_title": ("{series}（{unit}），{period}", "{series} ({unit}), {period}"),
    "dataset_name": ("区域发展指标数据集", "Regional indicators dataset"),
    "citation": ("{dataset}：{view}。提取于 {extracted}。{link}", "{dataset}: {view}. Extracted {extracted}. {link}"),
    "citation_no_date": ("日期不详", "date unknown"),
    "cite_link": ("复制链接（重现此图）", "Copy the link (reproduces this view)"),
    "cite_text": ("引用", "Cite"),
    "map_area": ("范围", "Area"),
    "map_all_china": ("全国", "All of China"),
    "map_no_data": ("无数据", "no data"),
    "map_conflict_also": ("另有不同数值：{values}", "other values: {values}"),
    "map_hover_sources": ("{n} 个来源", "{n} sources"),
    "map_nothing": ("当前筛选下没有可上图的县区、城市或省份数据。",
                    "No county, city or province figures to map under the current filters."),
    "map_no_outline": ("没有边界、未上图：{regions}", "Not on the map (no outline): {regions}"),
    "map_click_hint": ("点击一个区县，整个看板即筛选到该地区。", "Click a district to filter the whole dashboard to it."),
    "map_chosen": ("已选：{region}", "Chosen: {region}"),
    "map_towns_title": ("{region}的街道、乡镇（{indicator}，无边界，按数值排序）",
                        "Streets and towns of {region} ({indicator}, no outlines; by value)"),
    "map_no_towns": ("{region}下没有街道、乡镇的{indicator}数据。", "No street or town figures of {indicator} in {region}."),
    "compare_download": ("下载图表数据（CSV）", "Download the chart's data (CSV)"),
    "compare_table_title": ("地区 × 时期（{unit}）", "Regions × periods ({unit})"),
    "compare_rankings_title": ("{parent}所辖单位排名", "Ranking of the units of {parent}"),
    "compare_rankings_more": ("另有 {n} 个上级单位的排名，请按地区筛选查看。",
                              "{n} more parents' rankings; filter by region to see them."),
    "compare_not_comparable": ("不可比（{n} 条，未放在同一坐标轴上）", "Not comparable ({n}, kept off the axis)"),
    "compare_none_comparable": ("所选口径和时期没有可比数据。现有：{what}",
                                "No comparable figures for this measure and period. What exists: {what}"),
    "reason_measure": ("口径不同", "another measure"),
    "reason_period": ("时期不同", "another period"),
    "reason_no_period": ("未注明时期", "no period"),
    "reason_unit": ("单位不同", "another unit"),
    "col_reason": ("原因", "Why"),
    "col_measure": ("口径", "Measure"),
    "col_period": ("时期", "Period"),
    "col_rank": ("排名", "Rank"),
    "col_source": ("来源", "Source"),
    "col_parent": ("上级", "Parent"),
    "key_figure_missing": ("无年度{measure}；现有：{what}", "No annual {measure}; there is: {what}"),
    "compare_pick_fact": ("查看该数据的来源", "Show the sources of"),
    "compare_pick_hint": ("点击柱形或在此选择，查看该数据的全部来源。",
                          "Click a bar or pick one here to see all sources of that figure."),
    "compare_undated_note": ("未注明年份的数据未参与对比：{regions}", "Figures without a year are left out: {regions}"),
    "compare_nothing": ("当前筛选下没有可对比的事实数据。", "No facts to compare under the current filters."),
    "conflict_title": ("数值冲突：同一地区、指标、口径和时期有不同数值（未做平均）",
                       "Conflicting values: same region, indicator, measure and period, different values (never averaged)"),
    "conflict_values_more": ("另有 {n} 个不同数值，见“数据表”。", "{n} more values; see the Table."),
    "conflicts_more": ("另有 {n} 处冲突，请缩小筛选范围查看。", "{n} more conflicts; narrow the filters to see them."),
    "sources_of": ("来源：{label}", "Sources of {label}"),
    "open_source": ("打开来源", "Open source"),
    "table_sort": ("排序", "Sort by"),
    "table_descending": ("降序", "Descending"),
    "table_page": ("页码", "Page"),
    "table_showing": ("共 {total} 行，显示第 {first}–{last} 行。", "{total} rows; showing {first}–{last}."),
    "downloads": ("下载", "Downloads"),
    "download_filtered": ("筛选结果（{n} 行）", "Filtered rows ({n})"),
    "download_all": ("全部数据（{n} 行）", "All rows ({n})"),
    "download_csv": ("CSV（UTF-8，脚本用）", "CSV (UTF-8, for scripts)"),
    "download_excel": ("CSV（Excel 用，带 BOM）", "CSV (for Excel, with BOM)"),
    "download_zip": ("数据包 ZIP（CSV + datapackage.json + README）", "Data package ZIP (CSV + datapackage.json + README)"),
    "source_pick_document": ("文档", "Document"),
    "source_pick_figure": ("数据", "Figure"),
    "source_not_found": ("找不到这条数据：{obs}", "No row with id {obs}"),
    "source_document": ("文档信息", "Document"),
    "source_article": ("所在文章：{title}", "Article: {title}"),
    "source_page": ("第 {page} 页", "page {page}"),
    "source_download_original": ("下载原文件", "Download the original file"),
    "source_sentence": ("原句", "Sentence"),
    "source_other_figures": ("本文档中的其他数据", "Other figures of this document"),
    "source_same_fact": ("同一事实的其他来源", "Other sources of the same fact"),
    "source_conflicting": ("与之冲突的数值", "Conflicting values"),
    "documents_upload": ("上传文档（.txt、.html、.pdf、.docx）", "Upload documents (.txt, .html, .pdf, .docx)"),
    "documents_extract": ("提取并加入数据", "Extract and add to the data"),
    "documents_added": ("{file}：新增 {rows} 条数据。", "{file}: {rows} rows added."),
    "documents_duplicate": ("{file}：该文档已在数据中。", "{file}: this document is already in the data."),
    "documents_failed": ("{file}：{error}", "{file}: {error}"),
    "documents_too_large": ("{file}：{size} MB，超过每个文件 {limit} MB 的上限，未加入。",
                            "{file}: {size} MB, more than the limit of {limit} MB per file; not added."),
    "documents_upload_help": ("每个文件不超过 {limit} MB，提取不超过 {seconds} 秒（更大的文件请用命令行提取）。"
                              "内容相同的文件只算一份文档。",
                              "At most {limit} MB per file and {seconds} s of extraction (extract larger files "
                              "with the command line). Files with the same content are one document."),
    "upload_details": ("文档信息（可选，用于本次上传的每个文件）", "About the documents (optional, for every file of this upload)"),
    "upload_title": ("标题", "Title"),
    "upload_publisher": ("发布单位", "Publisher"),
    "upload_date": ("发布日期（如 2024-05-01、2024-05 或 2024）", "Date (e.g. 2024-05-01, 2024-05 or 2024)"),
    "upload_url": ("网址", "URL"),
    "upload_region": ("所属地区（页面未写明时，如“某某区”）", "Region (when the page does not say, e.g. a district)"),
    "upload_bad_date": ("日期“{value}”无法识别：请写成 2024-05-01、2024-05 或 2024。",
                        "The date “{value}” is not understood: write 2024-05-01, 2024-05 or 2024."),
    "upload_bad_url": ("网址“{value}”应以 http:// 或 https:// 开头。", "The URL “{value}” should start with http:// or https://."),
    "col_obs_id": ("编号", "id"),
    "col_region": ("地区", "Region"),
    "col_region_level": ("层级", "Level"),
    "col_region_parent": ("上级地区", "Parent region"),
    "col_indicator": ("指标", "Indicator"),
    "col_subject": ("统计对象", "Subject"),
    "col_year": ("年份", "Year"),
    "col_value": ("数值", "Value"),
    "col_display_value": ("数据", "Figure"),
    "col_unit": ("单位", "Unit"),
    "col_qualifier": ("限定词", "Qualifier"),
    "col_raw_text": ("原文", "As written"),
    "col_kind": ("类型", "Kind"),
    "col_sentence": ("原句", "Sentence"),
    "col_source_file": ("文件", "File"),
    "col_title": ("标题", "Title"),
    "col_publisher": ("发布者", "Publisher"),
    "col_date": ("日期", "Date"),
    "col_article_title": ("文章", "Article"),
    "col_link": ("来源", "Source"),
    "col_mentions": ("提及数", "Mentions"),
    "col_facts": ("事实数", "Facts"),
    "col_regions": ("涉及地区", "Regions"),
    "col_sources": ("来源数", "Sources"),
    # review
    "page_review": ("审核", "Review"),
    "col_review": ("审核", "Review"),
    "col_machine_value": ("提取值", "Value as extracted"),
    "col_machine_region": ("提取地区", "Region as extracted"),
    "review_title": ("审核此数据", "Review this figure"),
    "review_status_unreviewed": ("未审核", "Unreviewed"),
    "review_status_accepted": ("已确认", "Accepted"),
    "review_status_corrected": ("已更正", "Corrected"),
    "review_status_rejected": ("已否决", "Rejected"),
    "review_status_added": ("人工补录", "Added"),
    "review_accept": ("确认无误", "Accept"),
    "review_accept_next": ("确认并看下一条", "Accept and next"),
    "review_skip": ("跳过", "Skip"),
    "review_undo": ("撤销上一步", "Undo"),
    "review_reject": ("否决", "Reject"),
    "review_reason": ("否决理由（如：不是统计数据、地区不对）", "Reason (e.g. not a figure, wrong place)"),
    "review_correct": ("更正", "Correct"),
    "review_period": ("时期（如 2024、2024H1、2024Q3、2024M01-M06）", "Period (e.g. 2024, 2024H1, 2024Q3, 2024M01-M06)"),
    "review_bad_period": ("时期“{period}”无法识别：请写成 2024、2024H1、2024Q3 或 2024M01-M06。",
                          "The period “{period}” is not understood: write 2024, 2024H1, 2024Q3 or 2024M01-M06."),
    "review_region_name": ("地区名称（从地名库中选择）", "Region name (chosen from the gazetteer)"),
    "review_region_unknown": ("地名库中没有“{name}”。", "The gazetteer has no “{name}”."),
    "review_history": ("审核记录（{n} 条）", "History ({n} decisions)"),
    "review_when": ("时间", "When"),
    "review_who": ("审核人", "Reviewer"),
    "review_action": ("操作", "Action"),
    "review_before": ("之前", "Before"),
    "review_after": ("之后", "After"),
    "review_fields": ("更正内容", "Corrected fields"),
    "review_action_accept": ("确认", "accept"),
    "review_action_correct": ("更正", "correct"),
    "review_action_reject": ("否决", "reject"),
    "review_action_add": ("补录", "add"),
    "review_action_undo": ("撤销", "undo"),
    "review_done_accept": ("已确认。", "Accepted."),
    "review_done_correct": ("已更正。", "Corrected."),
    "review_done_reject": ("已否决。", "Rejected."),
    "review_done_add": ("已补录。", "Added."),
    "review_done_undo": ("已撤销。", "Undone."),
    "review_conflict": ("未保存：{who} 刚刚修改了这条数据（现在是“{status}”）。请查看后再决定。",
                        "Not saved: {who} changed this figure meanwhile (now “{status}”). Look again, then decide."),
    "review_name": ("审核人", "Reviewer name"),
    "review_password": ("密码", "Password"),
    "review_sign_in": ("登录审核", "Sign in to review"),
    "review_sign_in_failed": ("用户名或密码不正确。", "Wrong name or password."),
    "review_needs_proxy": ("审核需要通过单位的登录网关访问（请求头 {header}）。",
                           "Reviewing needs the sign-in proxy of this server (header {header})."),
    "review_unavailable": ("审核库无法打开，数据按未审核显示：{error}",
                           "The review store cannot be opened; figures show unreviewed: {error}"),
    "review_add": ("补录遗漏的数据", "Add a figure the rules missed"),
    "review_add_written": ("原文写法（如“12.5亿元”）", "As written in the text (e.g. 12.5亿元)"),
    "review_add_occurrence": ("第几处", "Occurrence"),
    "review_add_not_found": ("文中没有“{written}”。", "The text has no “{written}”."),
    "review_add_no_number": ("“{written}”不是一个数值。", "“{written}” is not a quantity."),
    "review_add_preview": ("位置 [{start}, {end})：{value}", "At [{start}, {end}): {value}"),
    "review_queue_counts": ("待审核 {left} 条，已审核 {reviewed} 条", "{left} to review, {reviewed} reviewed"),
    "review_queue_empty": ("筛选范围内的数据都已审核。", "Every figure in the filter is reviewed."),
    "review_queue_why": ("优先原因：{reasons}", "Why first: {reasons}"),
    "review_reason_core": ("核心指标", "core indicator"),
    "review_reason_conflict": ("与其他来源不一致", "conflicts with another source"),
    "review_reason_fallback": ("仅凭单位识别", "matched by its unit alone"),
    "review_reason_fact_of_a_region": ("地区的实际数据", "a fact of a region"),
    "review_open_source": ("在原文中更正或否决", "Correct or reject in the source"),
    "review_orphans": ("{n} 条审核意见对应的数据在重新提取后已不存在（见 `python -m extractors review orphans`）。",
                       "{n} decisions name a figure no row has since the last extraction "
                       "(see `python -m extractors review orphans`)."),
    # Streamlit's own words on its widgets (English is what Streamlit writes; see widget_words)
    "widget_upload_button": ("选择文件", "Upload"),
    "widget_select_all": ("全选", "Select all"),
    "widget_no_results": ("无匹配项", "No results"),
}


def label(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    zh, en = TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    if key not in table:
        return key
    zh, en = table[key]
    return en if lang == "en" else zh


def region_label(name: str, lang: str = DEFAULT_LANGUAGE, level: str = "") -> str:
    """A region as a page in ``lang`` names it: the Chinese name, or its English name."""
    if lang != "en":
        return name
    from dashboard.region_names import english_region_name

    return english_region_name(str(name), str(level or ""))


def indicator_label(indicator: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _pick(INDICATOR_LABELS, indicator, lang)


def family_label(family: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _pick(FAMILY_LABELS, family, lang)


def level_label(level: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _pick(LEVEL_LABELS, level, lang)


def qualifier_label(qualifier: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _pick(QUALIFIER_LABELS, qualifier, lang)


def kind_label(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _pick(KIND_LABELS, kind, lang)


def unit_label(unit: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _pick(UNIT_LABELS, unit, lang)


def measure_label(measure: str, indicator: str, lang: str = DEFAULT_LANGUAGE) -> str:
    zh, en = MEASURE_LABELS.get((indicator, measure), OTHER_MEASURE_LABEL if measure == "other" else (measure, measure))
    return en if lang == "en" else zh


def period_kind_label(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _pick(PERIOD_KIND_LABELS, kind, lang)


def period_label(period: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``2024H1`` -> ``2024年上半年`` / ``2024 H1``; ``2019/2024`` -> ``2019—2024年（年均）``."""
    if not period:
        return ""
    english = lang == "en"
    if "/" in period:
        start, end = period.split("/")
        return f"{start}–{end} (average)" if english else f"{start}—{end}年（年均）"
    year, rest = period[:4], period[4:]
    if not rest:
        return year if english else f"{year}年"
    if rest.startswith("-"):
        month, day = int(rest[1:3]), int(rest[4:6])
        return f"{day} {_MONTHS_EN[month - 1]} {year}" if english else f"{year}年{month}月{day}日"
    if rest[0] == "H":
        return f"{year} H{rest[1]}" if english else f"{year}年{'上' if rest[1] == '1' else '下'}半年"
    if rest[0] == "Q":
        return f"{year} Q{rest[1]}" if english else f"{year}年{_QUARTERS_ZH[rest[1]]}季度"
    months = [int(part.lstrip("M")) for part in rest.split("-")]
    if english:
        return f"{year} {'–'.join(_MONTHS_EN[m - 1] for m in months)}"
    return f"{year}年{'-'.join(str(m) for m in months)}月"


def repeat_label(repeat: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """What a line of part-year values repeats as: ``H1`` -> ``上半年``, ``/5`` -> ``5年年均``; ``""`` annual."""
    if not repeat:
        return ""
    if repeat.startswith("/"):
        return f"{repeat[1:]}-year average" if lang == "en" else f"{repeat[1:]}年年均"
    return period_label("2000" + repeat, lang).replace("2000年", "").replace("2000", "").strip()


def series_label(indicator: str, measure: str, subject: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``地区生产总值（总量）``; for ``other`` the subject, unless it repeats the indicator's name."""
    name = indicator_label(indicator, lang)
    detail = subject if measure == "other" else measure_label(measure, indicator, lang)
    if not detail or detail == name:
        return name
    return f"{name} ({detail})" if lang == "en" else f"{name}（{detail}）"


def family_of(indicator: str) -> str:
    for family, indicators in INDICATOR_FAMILIES.items():
        if indicator in indicators:
            return family
    return "other"
