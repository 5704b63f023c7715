"""Tables in text: every numeric data cell is an observation.

The rows of cells come from ``layouts`` (|-or-tab lines, flattened
HTML tables, columns aligned by spaces). Inside a table, a row with one
cell is a section label (``分县(区)生产总值``), rows of words right before
the data are its header (one row, or group labels over one label per data
column: ``人口数 比重`` over ``2020年 2010年 2020年 2010年``), and every
other row with a numeric cell is a data row. A leading serial number (序号)
is no label; a row shorter than the header is aligned to it from the right
(a label spanning rows leaves its later rows short), and a row with fewer
label cells than the one before continues that row's label.

The indicator comes from the row label, classified with the same rule book
as prose (the label stands where the words before a number stand); when the
row label is a place, the table lists regions and the title, section label
and column header name the indicator. The unit comes from the cell, the
column header, a 单位 column, the row label, the section label or a
``单位：万元`` line (``单位：人、%`` gives one unit per column group); the
year from the column header, the label, the table's title or the document;
the kind from the cell and its column (``2024年目标``, ``力争300亿元``).

Tables that a reader kept as cells (a web page's ``<table>``, a Word or PDF
table) are read the same way on their grid (``grid``).
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from extractors.catalog import COMPARISON_BASES, GROWTH_NOUNS, alternation
from extractors.indicators.classify import Context, classify, kind_of
from extractors.regions.gazetteer import Region
from extractors.models import Document, Quantity
from extractors.periods.kinds import period_of_words
from extractors.periods.marks import YEAR
from extractors.periods.years import YearResolver
from extractors.quantities.finder import find_quantities
from extractors.indicators.rulebook import RuleBook
from extractors.regions.scope import RegionScope
from extractors.text.sentences import article_at
from extractors.tables.places import LABEL_SPACES, PLACE_NAME, TOTAL_LABEL, PlaceLabels, table_area, unresolved_columns
from extractors.tables.layouts import NUMERIC_CELL, YEAR_CELL, Cell, is_numeric, is_value, table_blocks
from extractors.quantities.units import UNITS, lookup_unit

UNIT_IN_TEXT = regex.compile(r"[（(]\s*(?:单位[:：]\s*)?(?P<unit>[^（）()]{1,8}?)\s*[）)]")
UNIT_LINE = regex.compile(r"单位\s*[:：]\s*(?P<unit>[^\s，,。|）)]{1,12})")
UNIT_LIST_SPLIT = regex.compile(r"[、,，/]")
# A column of changes: a growth word, a comparison base, or the change headers 增减 and ±.
GROWTH_HEADER = regex.compile(alternation(("增长", *GROWTH_NOUNS, *COMPARISON_BASES, "增减", "±")))
CURRENT_PERIOD = regex.compile(r"本年|本期|本月|累计|全年|1[-—~～]\d{1,2}月|\d{1,2}月")
# 上年 | 去年同期 name last year's column; 比上年增长 is this year's growth on it
PREVIOUS_PERIOD = regex.compile(r"(?<![比较与])(?:上年|去年|上期)")
LABEL_LEAD = regex.compile(r"^(?:其中|#|＃|\d+[.、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[:：、\s]*")
SERIAL_NUMBER = regex.compile(r"^\d{1,3}[.、]?$")
# The corner cell of a header names the label column, not a data column.
CORNER_WORD = regex.compile(r"^(?:序号|编号|地区|区域|地名|单位|指标|指标名称|项目|名称|类别|分组|乡镇|街道|镇街|镇\s*别)$")
# The words a quantity cell may carry around its number: 力争300亿元, 350亿元以上
CELL_WORDS = regex.compile(r"^[\p{Han}]{0,4}$")
# Compiled once: regex.sub(pattern, ...) with a pattern string looks it up
# in regex's cache on every call, which costs more than the work.
WHITESPACE = regex.compile(r"\s")
THOUSANDS_SEPARATOR = regex.compile(r"[,，]")
GROWTH_WORDS = regex.compile(alternation(("增长", *GROWTH_NOUNS)))
# A percent cell whose row or column names a ratio is that ratio, not a growth.
RATE_WORDS = regex.compile(alternation(("率", "比重", "占比", "比例", "构成", "结构", "份额", "水平", "指数", "程度",
                                        *GROWTH_NOUNS, *COMPARISON_BASES, "±")))
LINES_ABOVE = 3   # a table's title and 单位 line sit on the lines right above it
PLACE_PROBE_ROWS = 4   # rows read to tell a table of places


@dataclass(frozen=True)
class Column:
    year: int | None = None
    unit: str | None = None
    growth: bool = False
    is_unit_column: bool = False
    label: str = ""
    group: int = -1      # the column group of a two-row header (人口数, 比重)


_NO_COLUMN = Column()   # a cell beyond the header's columns


@dataclass
class TableState:
    """What earlier rows of a table say about the rows after them."""

    columns: list[Column] = field(default_factory=list)
    header_rows: list[list[Cell]] = field(default_factory=list)   # since the last data row
    section: str = ""
    unit_column: int | None = None
    previous_labels: list[str] = field(default_factory=list)
    place_rows: bool = False    # whether the table's rows are labelled by places


@dataclass(frozen=True)
class TableContext:
    """What the lines above a table and the document say about all its cells."""

    title: str
    units: list[str]          # from a 单位 line: one for all, or one per column group
    year: int | None
    document_year: int | None
    article: int
    area: list[Region]
    places: PlaceLabels       # the row labels that name places within ``area``


def _unit_surface(text: str) -> str | None:
    match = UNIT_IN_TEXT.search(text) or UNIT_LINE.search(text)
    candidate = match.group("unit").strip() if match else text.strip().rstrip(":：")
    return candidate if candidate in UNITS else None


def header_column(header: Cell, document_year: int | None, group: int = -1) -> Column:
    text = header.text
    year_match = YEAR.search(text + "年") if YEAR_CELL.match(text) else YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    if year is None and document_year and PREVIOUS_PERIOD.search(text):
        year = document_year - 1
    elif year is None and document_year and CURRENT_PERIOD.search(text):
        year = document_year
    return Column(year=year, unit=_unit_surface(text), growth=bool(GROWTH_HEADER.search(text)),
                  is_unit_column=WHITESPACE.sub("", text) == "单位", label=text, group=group)


def _columns(header_rows: list[list[Cell]], width: int, document_year: int | None) -> list[Column]:
    """The columns of a header, one or two rows, for data rows ``width`` cells wide."""
    last = header_rows[-1]
    corner = [] if len(last) >= width or (last and CORNER_WORD.match(last[0].text)) else [Cell("", -1)]
    sub_cells = corner + last
    one_row = [header_column(sub_cells[0], document_year),
               *(header_column(c, document_year, group=j) for j, c in enumerate(sub_cells[1:]))]
    if len(header_rows) < 2 or len(sub_cells) < 3:
        return one_row
    groups = header_rows[-2]
    if groups and CORNER_WORD.match(groups[0].text):
        groups = groups[1:]
    data_subs = sub_cells[1:]
    if not groups or len(groups) >= len(data_subs) or len(data_subs) % len(groups):
        return one_row
    span = len(data_subs) // len(groups)
    return [one_row[0], *(_merge(groups[j // span], sub, document_year, j // span) for j, sub in enumerate(data_subs))]


def _merge(group: Cell, sub: Cell, document_year: int | None, index: int) -> Column:
    """A data column under a group label: 人口数（人） over 2020年."""
    top, bottom = header_column(group, document_year), header_column(sub, document_year)
    return Column(year=bottom.year or top.year, unit=bottom.unit or top.unit, growth=top.growth or bottom.growth,
                  label=f"{group.text}{sub.text}", group=index)


def _quantity_cell(cell: Cell) -> Quantity | None:
    """A cell that holds one quantity with its unit (337.1亿元, 力争300亿元, 350亿元以上)."""
    if len(cell.text) > 20 or not any(ch.isdigit() for ch in cell.text):
        return None
    return _quantity_in(cell.text)


@functools.lru_cache(maxsize=4096)   # a cell is read for its labels, its data and its row
def _quantity_in(text: str) -> Quantity | None:
    found = find_quantities(text)
    if len(found) != 1:
        return None
    quantity = found[0]
    if not CELL_WORDS.match(text[: quantity.start]) or not CELL_WORDS.match(text[quantity.end:]):
        return None
    return quantity


def _is_data(cell: Cell) -> bool:
    return is_numeric(cell) or _quantity_cell(cell) is not None


def has_data(cells: list[Cell]) -> bool:
    return any(_is_data(c) for c in cells[1:])


def table_context(view: str, block_start: int, document, scope: RegionScope, years: YearResolver) -> TableContext:
    above_lines = [line for line in view[max(0, block_start - 300): block_start].split("\n") if line.strip()]
    above_lines = above_lines[-LINES_ABOVE:]
    units: list[str] = []
    for line in reversed(above_lines):
        unit_line = UNIT_LINE.search(line)
        if unit_line:
            units = [u for u in UNIT_LIST_SPLIT.split(unit_line.group("unit")) if u in UNITS]
            break
    if not units and above_lines and _unit_surface(above_lines[-1]):
        units = [_unit_surface(above_lines[-1])]
    # the title's words without its unit: 各街道常住人口（单位：人） -> 各街道常住人口
    title = next((words for line in reversed(above_lines)
                  if (words := UNIT_IN_TEXT.sub("", UNIT_LINE.sub("", line)).strip())), "")
    title_years = YEAR.findall(title)
    article = article_at(document.articles, block_start)
    document_year = years.document_year or years.base_year
    area = table_area(scope, article)
    return TableContext(title=title, units=units, year=int(title_years[-1]) if title_years else None,
                        document_year=document_year, article=article, area=area, places=PlaceLabels(scope, area))


def table_observations(document: Document, view: str, book: RuleBook, scope: RegionScope,
                       years: YearResolver) -> Iterator[dict]:
    """Candidate rows (dicts of Observation fields) for every numeric table cell."""
    for block in table_blocks(view):
        with_data = [has_data(cells) for cells in block.rows]
        if not any(with_data):
            continue
        context = table_context(view, block.start, document, scope, years)
        state = TableState(place_rows=lists_places(block.rows, with_data, context.places))
        for cells, holds_data in zip(block.rows, with_data):
            if not holds_data:
                if len(cells) == 1:
                    state.section = cells[0].text
                elif len(cells) >= 3 or state.header_rows or all(YEAR_CELL.match(c.text) for c in cells):
                    state.header_rows = [*state.header_rows[-1:], cells]
                else:   # a section label, or the group row of a two-row header
                    state.section, state.header_rows = cells[0].text, [cells]
                continue
            # a two-word row above the first data row is the header of a two-column table (性别 | 比重)
            if _makes_columns(state.header_rows) or (state.header_rows and not state.columns):
                # 本年 | 上年 | 1-6月 under a title with its year (2023年1-6月主要指标) are of that year
                state.columns = _columns(state.header_rows, len(cells), context.year or context.document_year)
                state.unit_column = next((i for i, c in enumerate(state.columns) if c.is_unit_column), None)
            state.header_rows = []
            yield from row_observations(document, view, book, scope, cells, state, context)


def _makes_columns(header_rows: list[list[Cell]]) -> bool:
    """Whether the header rows since the last data row give the table new
    columns: not when they are one row of two words, a section label
    (其中： | 工业) that keeps the columns above it."""
    if not header_rows:
        return False
    return not (len(header_rows) == 1 and len(header_rows[0]) == 2 and not YEAR_CELL.match(header_rows[0][-1].text))


def lists_places(rows: list[list[Cell]], with_data: list[bool], places: PlaceLabels) -> bool:
    """Whether the first data rows of a table are labelled by places (a table of towns)."""
    labels = [next((c.text for c in cells if not SERIAL_NUMBER.match(c.text)), "")
              for cells, holds_data in zip(rows, with_data) if holds_data][:PLACE_PROBE_ROWS]
    return any(places.region(label) is not None for label in labels if not TOTAL_LABEL.match(label))


def _row_labels(cells: list[Cell], state: TableState) -> tuple[list[str], bool, int]:
    """The label cells of a row (after a serial number, up to a 单位 column),
    whether the row continues the one before (with fewer label cells, it takes
    the first ones of that row: 固定资产投资 | 区内 | … then 全区 | …), and
    where its data cells start."""
    first = 1 if len(cells) > 2 and SERIAL_NUMBER.match(cells[0].text) and not _is_data(cells[1]) else 0
    end = next((i for i in range(first, len(cells)) if is_value(cells[i]) or _is_data(cells[i])), len(cells))
    if state.unit_column is not None and first < state.unit_column:
        end = min(end, state.unit_column)
    labels = [LABEL_LEAD.sub("", c.text) for c in cells[first:end]]
    continues = 0 < len(labels) < len(state.previous_labels) and len(cells) < len(state.columns)
    if continues:
        labels = state.previous_labels[: len(state.previous_labels) - len(labels)] + labels
    state.previous_labels = labels
    return labels, continues, end


def _column_of(index: int, cells: list[Cell], columns: list[Column], from_right: bool) -> Column:
    """The column of a row's cell: counted from the left, or from the right for
    a row wider than the header or continuing the row before (its first label
    cells span both rows)."""
    if from_right:
        index += len(columns) - len(cells)
    return columns[index] if 0 < index < len(columns) else _NO_COLUMN


def _level_before(column: Column, columns: list[Column]) -> str:
    """县区 | 地区生产总值（亿元） | 增速（%）: a growth column is the growth of the
    level in the column before it; that column's words, where it has one."""
    at = next((i for i, other in enumerate(columns) if other is column), 0)
    for other in reversed(columns[1:at]):
        if not other.growth and not other.is_unit_column:
            return YEAR.sub("", other.label)
    return ""


def row_observations(document, view, book, scope, cells, state: TableState, context: TableContext) -> Iterator[dict]:
    labels, continues, label_cells = _row_labels(cells, state)
    from_right = continues or len(cells) > len(state.columns)
    label = LABEL_SPACES.sub("", "".join(labels)) or LABEL_SPACES.sub("", cells[0].text)
    place = context.places.region(labels[-1]) if labels else None
    # 全县 | 合计 in a table of towns: the row of the whole unit, read like the town rows
    unresolved_place = ""
    if place is None and labels and state.place_rows:
        name = LABEL_SPACES.sub("", labels[-1])
        if TOTAL_LABEL.match(name):
            place = scope.focus(context.article)
        elif PLACE_NAME.match(name):
            unresolved_place = name   # a town the gazetteer cannot settle: its name, no code
    row_unit = _unit_surface(label) or _unit_surface(state.section)
    if state.unit_column is not None and state.unit_column < len(cells):
        row_unit = _unit_surface(cells[state.unit_column].text) or row_unit
    line_end = view.find("\n", cells[0].start)
    sentence = document.text[cells[0].start: len(view) if line_end < 0 else line_end].strip()
    for index, cell in enumerate(cells):
        if index < label_cells or index == state.unit_column:
            continue
        column = _column_of(index, cells, state.columns, from_right)
        quantity = _cell_quantity(cell, column, row_unit, context)
        if quantity is None:
            continue
        column_words = YEAR.sub("", column.label)
        if (place or unresolved_place) and column.growth:
            column_words = _level_before(column, state.columns) + column_words
        words = f"{context.title}{state.section}{column_words}" if place or unresolved_place else label
        if (column.growth or (quantity.unit == "percent" and not RATE_WORDS.search(f"{words}{column.label}"))) \
                and not GROWTH_WORDS.search(words):
            words += "增长"    # GDP | 6%: a percent of a level is its growth
        lead = cell.text[: quantity.start]
        decision, shifted = _classify_cell(words, quantity, book)
        if decision is not None and decision.evidence == "fallback" and not (place or unresolved_place):
            # 0—14岁 | 212335: a label that names no indicator; the title and column do (常住人口…人口数).
            # The label is a word of its own: a space keeps the title's last character off it (性别构成 | 男)
            richer, richer_shifted = _classify_cell(f"{context.title} {label}{column_words}", quantity, book)
            if richer is not None and richer.evidence == "cue":
                decision, shifted = richer, richer_shifted
        if decision is None or quantity.is_change:
            continue
        kind_words = f"{label}{column.label}{lead}"
        kind = kind_of(shifted, Context(kind_words, kind_words, cell.text[quantity.end:], cell.text[quantity.end:]),
                       book.kinds, book.kind_screen)
        region = place or scope.focus(context.article)
        start = cell.start + quantity.start
        year = column.year or _label_year(label) or context.year or context.document_year
        yield dict(
            source_file=document.source_file, doc_id=document.doc_id,
            article_title=document.articles[context.article].title if context.article >= 0 else "",
            start=start, end=start + len(quantity.raw_text), raw_text=document.text[start:start + len(quantity.raw_text)],
            value=quantity.value, unit=quantity.unit, qualifier=quantity.qualifier,
            indicator=decision.rule.indicator, subject=(label if place is None else words)[:40],
            year=year, period=period_of_words(year, f"{context.title}{state.section}{column_words}{label}"),
            kind=kind,
            sentence=sentence, rule=f"table:{decision.rule.id}",
            **(unresolved_columns(unresolved_place, scope.focus(context.article), labels[-1]) if unresolved_place
               else region.columns(labels[-1] if place else "") if region is not None else {}),
        )


def _classify_cell(words: str, quantity: Quantity, book: RuleBook):
    """The rule book's decision on a cell read as ``words`` followed by its quantity."""
    shifted = Quantity(start=len(words), end=len(words) + len(quantity.raw_text), raw_text=quantity.raw_text,
                       value=quantity.value, unit=quantity.unit, qualifier=quantity.qualifier,
                       measure=quantity.measure, is_change=quantity.is_change)
    return classify(shifted, Context(words, words, "", ""), book), shifted


def _cell_quantity(cell: Cell, column: Column, row_unit: str | None, context: TableContext) -> Quantity | None:
    """The quantity of a data cell: a bare number takes its unit from the column,
    the row, the column group's 单位 or the table's; a cell with a unit keeps its own."""
    match = NUMERIC_CELL.match(cell.text)
    if not match:
        return _quantity_cell(cell)
    group_unit = None
    if context.units:
        group_unit = context.units[0] if len(context.units) == 1 else (
            context.units[column.group] if 0 <= column.group < len(context.units) else _level_unit(context.units))
    surface = "%" if match.group("percent") or column.growth else (column.unit or row_unit or group_unit)
    if surface not in UNITS:
        return None
    info = lookup_unit(surface)
    number = float(THOUSANDS_SEPARATOR.sub("", match.group("number")))
    if match.group("sign") in ("-", "－", "−"):
        number = -number
    return Quantity(start=0, end=len(cell.text), raw_text=cell.text, value=number * info.scale, unit=info.base,
                    measure=surface, is_change=info.is_change)


def _level_unit(units: list[str]) -> str | None:
    """单位：万元、% over columns of levels and their growth: the one unit that is no percent is the levels'."""
    levels = {unit for unit in units if lookup_unit(unit).base != "percent"}
    return levels.pop() if len(levels) == 1 else None


def _label_year(label: str) -> int | None:
    match = YEAR.search(label)
    return int(match.group(1)) if match else None
