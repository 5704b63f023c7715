"""quantities.py: spans, values, units and qualifiers of quantities in text.

All sentences are invented in the patterns of the seed documents.
"""
from __future__ import annotations

import math
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.quantities.finder import find_quantities

# text -> every quantity expected, as (raw_text, value, unit, qualifier, is_change)
FOUND = [
    # money, scales folded in
    ("园区营收达到1368.2亿元。", [("1368.2亿元", 136820000000, "CNY", "exact", False)]),
    ("累计发放补贴6000余万元", [("6000余万元", 60000000, "CNY", "over", False)]),
    ("项目总投资约3.5亿美元", [("3.5亿美元", 350000000, "USD", "approx", False)]),
    ("人均收入近9万元", [("9万元", 90000, "CNY", "under", False)]),
    ("授信额度1亿3000万元", [("1亿3000万元", 130000000, "CNY", "exact", False)]),
    ("基金规模两千万元", [("两千万元", 20000000, "CNY", "exact", False)]),
    ("全年税收12.6万亿元", [("12.6万亿元", 12.6e12, "CNY", "exact", False)]),
    ("单笔贷款20万元以上", [("20万元", 200000, "CNY", "over", False)]),
    ("补助５００元", [("５００元", 500, "CNY", "exact", False)]),
    ("总额4,500万元", [("4,500万元", 45000000, "CNY", "exact", False)]),
    # people and visits
    ("招募志愿者2600余名", [("2600余名", 2600, "person", "over", False)]),
    ("服务对象3.2万余人", [("3.2万余人", 32000, "person", "over", False)]),
    ("接待游客突破80万人次", [("80万人次", 800000, "person_time", "over", False)]),
    ("活动吸引超千人次参与", [("千人次", 1000, "person_time", "over", False)]),
    ("常住人口5万3千人", [("5万3千人", 53000, "person", "exact", False)]),
    ("引进博士四十多位", [("四十多位", 40, "person", "over", False)]),
    ("万余名青年参加", [("万余名", 10000, "person", "over", False)]),
    ("上千人次观看", [("千人次", 1000, "person_time", "over", False)]),
    # counts
    ("入驻企业3000多家", [("3000多家", 3000, "count", "over", False)]),
    ("发布百余款新品", [("百余款", 100, "count", "over", False)]),
    ("建成十余个驿站", [("十余个", 10, "count", "over", False)]),
    ("举办招聘会260场次", [("260场次", 260, "count", "exact", False)]),
    ("签约项目逾40项", [("40项", 40, "count", "over", False)]),
    ("新增市场主体300家", [("300家", 300, "count", "exact", False)]),
    ("共有２８所学校", [("２８所", 28, "count", "exact", False)]),
    ("建成3个多功能室", [("3个", 3, "count", "exact", False)]),
    # percentages and shares
    ("覆盖率达97%", [("97%", 97, "percent", "exact", False)]),
    ("占比超６２％", [("６２％", 62, "percent", "over", False)]),
    ("出生率为7.15‰", [("7.15‰", 0.715, "percent", "exact", False)]),
    ("约四分之一的居民", [("四分之一", 25, "percent", "approx", False)]),
    ("占全区三分之二", [("三分之二", 200 / 3, "percent", "exact", False)]),
    ("有5/8的企业", [("5/8", 62.5, "percent", "exact", False)]),
    ("百分之六十的居民", [("百分之六十", 60, "percent", "exact", False)]),
    ("千分之三的比例", [("千分之三", 0.3, "percent", "exact", False)]),
    ("八成企业满意", [("八成", 80, "percent", "exact", False)]),
    ("近六成来自外省", [("六成", 60, "percent", "under", False)]),
    ("超3成用户", [("3成", 30, "percent", "over", False)]),
    ("一半以上是青年", [("一半", 50, "percent", "over", False)]),
    ("销售额翻一番", [("翻一番", 100, "percent", "exact", False)]),
    ("订单翻倍", [("翻倍", 100, "percent", "exact", False)]),
    ("产值翻了两番", [("翻了两番", 300, "percent", "exact", False)]),
    ("出口增长2.4倍", [("2.4倍", 240, "percent", "exact", False)]),
    ("产量是十年前的3.15倍", [("3.15倍", 315, "percent", "exact", False)]),
    ("规模为上年1.5倍", [("1.5倍", 150, "percent", "exact", False)]),
    ("利润增长12.5%左右", [("12.5%", 12.5, "percent", "approx", False)]),
    # falls are negative, the span stays the number
    ("能耗下降4.2%", [("4.2%", -4.2, "percent", "exact", False)]),
    ("成本同比减少了8%", [("8%", -8, "percent", "exact", False)]),
    ("增速回落约1.5%", [("1.5%", -1.5, "percent", "approx", False)]),
    ("价格降低两成", [("两成", -20, "percent", "exact", False)]),
    ("增速为-2.6%", [("2.6%", -2.6, "percent", "exact", False)]),
    ("自然增长率为负1.3‰", [("1.3‰", -0.13, "percent", "exact", False)]),     # 负 written out
    ("资产负债率58.2%", [("58.2%", 58.2, "percent", "exact", False)]),          # 负 of a word
    # changes: percentage points and absolute changes
    ("比重提高1.8个百分点", [("1.8个百分点", 1.8, "percent", "exact", True)]),
    ("失业率下降0.3个百分点", [("0.3个百分点", -0.3, "percent", "exact", True)]),
    ("存款比上年增加412.6亿元", [("412.6亿元", 41260000000, "CNY", "exact", True)]),
    ("企业净增150家", [("150家", 150, "count", "exact", True)]),
    ("库存减少2.1万元", [("2.1万元", -21000, "CNY", "exact", True)]),
    # level words are no trend
    ("企业数量增至26家", [("26家", 26, "count", "exact", False)]),
    ("占比降至12%", [("12%", 12, "percent", "exact", False)]),
    # areas and lengths
    ("建筑面积45万平方米", [("45万平方米", 450000, "m2", "exact", False)]),
    ("辖区面积6.37平方公里", [("6.37平方公里", 6.37, "km2", "exact", False)]),
    ("流转土地4500亩", [("4500亩", 3, "km2", "exact", False)]),
    ("绿地250公顷", [("250公顷", 2.5, "km2", "exact", False)]),
    ("新建绿道18公里", [("18公里", 18, "km", "exact", False)]),
    ("管网长5千米", [("5千米", 5, "km", "exact", False)]),
    # ranges: one quantity, the midpoint, approx
    ("每年培育4-6家", [("4-6家", 5, "count", "approx", False)]),
    ("投入2至4万元", [("2至4万元", 30000, "CNY", "approx", False)]),
    ("预计6～10个", [("6～10个", 8, "count", "approx", False)]),
    ("租金上涨5%-7%", [("5%-7%", 6, "percent", "approx", False)]),
    ("拨款600-1000万元", [("600-1000万元", 8000000, "CNY", "approx", False)]),
    ("四至六家机构", [("四至六家", 5, "count", "approx", False)]),
    # from/to changes: bare numbers are counts
    ("独角兽企业从2到9的跨越", [("2", 2, "count", "exact", False), ("9", 9, "count", "exact", False)]),
    ("基地由3增至11", [("3", 3, "count", "exact", False), ("11", 11, "count", "exact", False)]),
    ("总量由1650.2增至1893.4亿元",
     [("1650.2", 165020000000, "CNY", "exact", False), ("1893.4亿元", 189340000000, "CNY", "exact", False)]),
    ("从4家增加到12家", [("4家", 4, "count", "exact", False), ("12家", 12, "count", "exact", False)]),
    # several in one sentence, in text order
    ("全年接待游客1200万人次，旅游收入突破150亿元，增长9.6%。", [
        ("1200万人次", 12000000, "person_time", "exact", False),
        ("150亿元", 15000000000, "CNY", "over", False),
        ("9.6%", 9.6, "percent", "exact", False),
    ]),
    # a bare 万/亿 before money: labels and thresholds the engine marks
    ("引进亿元以上项目", [("亿元", 1e8, "CNY", "over", False)]),
    ("培育亿元楼宇", [("亿元", 1e8, "CNY", "exact", False)]),
    ("带动上亿元消费", [("亿元", 1e8, "CNY", "over", False)]),
    ("吸引上百家企业", [("百家", 100, "count", "over", False)]),
    # a trend word before 为 leads to the level reached, not a change
    ("由31人减少为27人", [("31人", 31, "person", "exact", False), ("27人", 27, "person", "exact", False)]),
    ("比重由2.1%上升为3.4%", [("2.1%", 2.1, "percent", "exact", False), ("3.4%", 3.4, "percent", "exact", False)]),
    ("降幅为1.6%", [("1.6%", -1.6, "percent", "exact", False)]),
    # after a qualifier a bare 万/亿 before any unit is one of itself
    ("新增岗位近万个", [("万个", 10000, "count", "under", False)]),
    ("惠及群众上万人", [("万人", 10000, "person", "over", False)]),
    ("注册会员逾万名", [("万名", 10000, "person", "over", False)]),
    ("入驻商户超万家", [("万家", 10000, "count", "over", False)]),
    ("年客流量近亿人次", [("亿人次", 1e8, "person_time", "under", False)]),
    ("经济总量将近万亿元", [("万亿元", 1e12, "CNY", "under", False)]),
    # words that merely end in a qualifier character
    ("附近5家商户", [("5家", 5, "count", "exact", False)]),
    ("节约资金2亿元", [("2亿元", 200000000, "CNY", "exact", False)]),
    ("线上300场直播", [("300场", 300, "count", "exact", False)]),
    # cases and incidents are counted with 起
    ("全年查处各类案件236起", [("236起", 236, "count", "exact", False)]),
    ("化解矛盾纠纷1260起，同比下降", [("1260起", 1260, "count", "exact", False)]),
    # before digits 数 ends a noun (床位数, 从业人数), it is no vague count
    ("卫生机构床位数2860张", [("2860张", 2860, "count", "exact", False)]),
    ("年末从业人数7450人", [("7450人", 7450, "person", "exact", False)]),
    # 美金 is the spoken name of the dollar
    ("利用外资2600万美金", [("2600万美金", 26000000, "USD", "exact", False)]),
    # 兆 is a million million (Taiwanese usage): 1兆2,480億元
    ("營業收入1兆2,480億元", [("1兆2,480億元", 1248000000000, "CNY", "exact", False)]),
    # the currencies of Hong Kong, Macao and Taiwan, after the number or before it
    ("出口总值4,120亿港元", [("4,120亿港元", 412000000000, "HKD", "exact", False)]),
    ("博彩毛收入183亿澳门元", [("183亿澳门元", 18300000000, "MOP", "exact", False)]),
    ("总预算新台币约240亿元", [("240亿元", 24000000000, "TWD", "approx", False)]),
    ("资本额港币3000万元", [("3000万元", 30000000, "HKD", "exact", False)]),
    ("营收达12亿元新台币", [("12亿元新台币", 1200000000, "TWD", "exact", False)]),
]


@pytest.mark.parametrize("text, expected", FOUND, ids=[text for text, _ in FOUND])
def test_find_quantities(text, expected):
    found = find_quantities(text)
    assert [(q.raw_text, q.unit, q.qualifier, q.is_change) for q in found] == [
        (raw, unit, qualifier, is_change) for raw, _, unit, qualifier, is_change in expected
    ]
    for quantity, (_, value, *_rest) in zip(found, expected):
        assert math.isclose(quantity.value, value, rel_tol=1e-9), (quantity.raw_text, quantity.value)
        assert text[quantity.start:quantity.end] == quantity.raw_text


@pytest.mark.parametrize("text, measure", [
    ("收入2803.1亿元", "亿元"), ("投入8000余万元", "万元"), ("游客30万人次", "万人次"), ("企业2000多家", "家"),
    ("比重44%", "%"), ("贷款1亿2000万元", "万元"), ("资金3千万元", "千万元"), ("提高2个百分点", "个百分点"),
    ("八成", "成"), ("五分之一", "分之"), ("3/7", "/"), ("增长1.2倍", "倍"), ("由1增至8", ""),
    ("一半", "半"), ("翻倍", "翻番"), ("亿元楼宇", "亿元"), ("億美元", "亿美元"),
])
def test_measure_is_the_surface_word(text, measure):
    assert find_quantities(text)[-1].measure == measure


NOTHING = [
    # dates and times
    "2026年", "3月15日上午", "10月8日至12日", "晚上7点半", "下午3点40分", "二〇二五年", "２０２４年",
    "2021-2025年", "1-11月", "2024/6/30",
    # ordinals and sequence numbers
    "第四届", "第18届", "全市第一", "列全省第二", "第3个", "二届五次全会",
    # ages and generations
    "85岁老人", "00后", "60岁以上",
    # numbers glued to Latin letters or codes
    "评级Aa3", "刊号:21-58", "2.0版", "5G", "G60科创走廊", "COVID-19",
    # no unit, or a unit out of scope
    "一共17", "用了5天", "3层楼", "长30米", "发电800千瓦", "装机60兆瓦", "气温12℃", "降雨50毫米", "运行24小时", "年产5吨",
    "3大行动", "效率3倍", "3倍于前", "3个月", "两个多月", "一个半小时",
    # vague counts, idioms, bare 万/亿
    "数十家", "数千名", "好几十家", "几百人", "两三家", "七八个", "万家灯火", "数亿元", "十几万元", "一成不变", "万人空巷",
    "数以万计", "附近万家超市", "举办万人长跑",
    # from/to over years, not counts
    "从2019到2023年", "从2020到2024",
    # 起 after a date is "from", and before these words no classifier
    "自2027年3月1日起", "从2028年起", "每单10起步", "3起点",
]


@pytest.mark.parametrize("text", NOTHING)
def test_not_a_quantity(text):
    assert find_quantities(text) == []


def test_offsets_are_relative_to_the_text():
    text = "据统计，今年以来全区新引进企业85家，其中超过三分之一为科技型企业。"
    found = find_quantities(text)
    assert [(q.start, q.end) for q in found] == [(15, 18), (23, 27)]
    assert [text[q.start:q.end] for q in found] == ["85家", "三分之一"]


# --- properties ---------------------------------------------------------------

_QUANTITY_ALPHABET = list(
    "0123456789０５.,-/～~万亿千百十余多餘萬一二三四五六七八九两零〇点半家个人元名次场%％‰成倍"
    "分之翻番从由到至增长下降减少超过近约以上下左右达为第届年月日岁后的是了，。 Ab"
)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(_QUANTITY_ALPHABET), max_size=60) | st.text(max_size=60))
def test_never_raises_and_spans_hold(text):
    found = find_quantities(text)
    previous_end = 0
    for quantity in found:
        assert text[quantity.start:quantity.end] == quantity.raw_text
        assert quantity.start >= previous_end  # sorted and non-overlapping
        assert math.isfinite(quantity.value)
        previous_end = quantity.end


_LEAD_ALPHABET = _QUANTITY_ALPHABET + list("−－兩億净新附最节签制预约提高升至回落扩大攀缩滑跌不少于低足将接逼")


@settings(max_examples=1000)
@given(st.text(alphabet=st.sampled_from(_LEAD_ALPHABET), max_size=40))
@example("上百家企业，线上300场，增长了超过3家，净增长至5%，3家增长4%")
@example("超过了上千人，下降至4%，降至-5%")
def test_lead_words_read_back_match_one_left_to_right_pattern(text):
    """The quantity first, then its lead words: what one pattern, lead words
    and quantity together, finds in a single scan."""
    import regex

    from extractors.quantities import finder as quantities

    one_pattern = regex.compile(quantities._LEAD_PATTERN + quantities._CORE_PATTERN)
    expected = [match.groupdict() | {"span": match.span()} for match in one_pattern.finditer(text)]
    found = [core.groupdict() | (lead.groupdict() if lead else {"trend": None, "prefix": None})
             | {"span": (lead.start() if lead else core.start(), core.end())}
             for lead, core in quantities._quantity_matches(text)]
    assert found == expected


# --- performance --------------------------------------------------------------

def _seconds(text: str) -> float:
    best = math.inf
    for _ in range(2):
        started = time.perf_counter()
        find_quantities(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("piece", ["万", "余", "7", "3万余", "一万", "1,", "5-", "十百千万亿", "超近约"])
def test_runs_in_linear_time(piece):
    small = (piece * 20_000)[:20_000]
    large = (piece * 200_000)[:200_000]
    assert _seconds(large) < 30 * max(_seconds(small), 1e-3), piece


@pytest.mark.parametrize("text, value", [
    ("由1650.2增至1893.4亿元", 165020000000),   # the first number borrows 亿 from the unit
    ("投入0.7至1.1亿元", 90000000),
    ("净增1.3亿美元", 130000000),
    ("林地15.6万亩", 104),                       # 1/1500 km² a mu: cut to 15 digits, not 103.99999999999999
])
def test_scaled_values_are_exact(text, value):
    assert find_quantities(text)[0].value == value


def test_every_form_is_looked_for():
    from extractors.quantities import finder as quantities

    assert sorted(quantities._FORMS_MOST_FREQUENT_FIRST) == sorted(quantities._FORM_RESOLVERS)


def test_the_guard_before_the_forms_refuses_no_match():
    """_ANY_FORM_GUARD only skips forms that cannot match: the same matches as without it,
    also for numerals longer than its reach."""
    import regex

    from extractors.quantities import finder as quantities

    unguarded = regex.compile(quantities._CORE.pattern.replace(quantities._ANY_FORM_GUARD, "", 1))
    assert unguarded.pattern != quantities._CORE.pattern
    long_numeral = "1" + ("十" + "1" * 20) * 4  # 85 characters, none a marker
    texts = [text for text, _ in FOUND] + [
        "2024年一是翻了一番，另一半为一半，三成、五分之一、3/11、1.5倍、-3%至5%", "近万人，超万家，亿元楼宇",
        long_numeral + "元", long_numeral + "年", "点1点1点1" * 40 + "个", "157 个，1231.6\u00a0亿元，3～5家",
    ]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in unguarded.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in quantities._CORE.finditer(text)] == expected, text
