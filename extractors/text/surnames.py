"""Chinese surnames, to recognise a line of author names (a byline).

A byline without a bullet (``詹丽华 苏柳丹``) looks like any two short words;
requiring every word to start with a surname keeps two-word headings
(``韧性合力``, ``创新 活力``) out.
"""
from __future__ import annotations

import re

# The Hundred Family Surnames plus common modern ones (付, 覃, 闫, 肖 ...).
SINGLE_CHARACTER_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"
    "鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄"
    "和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭"
    "梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚"
    "程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双"
    "闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容"
    "向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空"
    "曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公仉督岳帅缑亢况郈有琴归海晋楚闫法汝鄢涂钦"
    "付覃佘兰练揭麦植占冼阳斯开原粟银苟母肖邸谌佟隋战菅衣矫逢谷"
)

COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "申屠", "闻人", "万俟",
    "澹台", "公冶", "宗政", "濮阳", "太叔", "钟离", "拓跋", "第五", "单于", "赫连", "东郭",
})

_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def is_personal_name(word: str) -> bool:
    """True for a plausible Han personal name: a surname and one or two
    given-name characters (``杨雪``, ``詹丽华``, ``欧阳晓明``)."""
    if not _HAN_ONLY.fullmatch(word):
        return False
    if word[:2] in COMPOUND_SURNAMES and 3 <= len(word) <= 4:
        return True
    return 2 <= len(word) <= 3 and word[0] in SINGLE_CHARACTER_SURNAMES
