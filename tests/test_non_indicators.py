"""Every kind of non-indicator the annotation guide names yields no row."""
import pytest

# The gold README's list of what is not annotated, each in a sentence of its own.
NOT_INDICATORS = [
    "2025年，各项工作稳步推进。",
    "活动于1月30日上午举行。",
    "大会将于9月19日至21日举办。",
    "晚上6点半，夜市开市。",
    "第三届论坛开幕。",
    "第21届动漫节举行。",
    "区委一届九次全会召开。",
    "首批联盟成员亮相。",
    "十四五期间，全区持续发力。",
    "坚持八八战略不动摇。",
    "聚焦一老一小服务。",
    "加强三支队伍建设。",
    "推出五个一举措。",
    "打造十分钟党群服务圈。",
    "开展“136”主题攻坚活动。",
    "学习二十届三中全会精神。",
    "出台新质生产力20条。",
    "93岁的老人独居。",
    "一批90后干部走上岗位。",
    "95后创业者返乡。",
    "该指标列全省第一。",
    "增速列全市第二。",
    "这幢3层小楼改造完成。",
    "新增一条长35米的人行步道。",
    "从初次对接到完成决策，只用了7天。",
    "选手用10.5公里的路程体验创业。",
]


@pytest.mark.parametrize("text", NOT_INDICATORS)
def test_non_indicator_yields_nothing(text, extract_text):
    assert extract_text(text) == []
