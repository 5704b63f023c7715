"""Invented newspaper pages with the layout problems of the real ones.

The wording is made up; the shapes are those of 今日杭州-style pages: a page
label, a deck over the headline, a byline after the lead, two-line
sub-headings, a photo caption and credit sitting inside a broken sentence,
a region kicker over a markdown headline, a contents box, trailing
captions.
"""
from __future__ import annotations

LAYOUT_PAGE = """\


专 版

推进城乡融合 建设美丽家园

临安区青山湖街道：以科创赋能产业升级

青山湖畔，一座座新厂房拔地而起，一批批新项目加速落地。近年来，街道坚持创新驱动，推动传统制造向智能制造转型。

去年，街道新增规上工业企业15家，实现工业总产值312.6亿元，同比增长9.4%。

■ 孙晓 周一鸣

科创引领
打造智能制造新高地

走进园区的一家传感器企业，生产线上的机械臂正有条不紊地运转。企业负责人介绍，新产线投用后产能提升了三成，订单已经排到

明年。

街道相关负责人表示，将继续完善企业服务体系，为项目落地提供全周期保障，推动更多优质



青山湖科技城夜景

吴海 摄

企业在这里扎根成长。

民生为本
绘就幸福生活新图景

今年以来，街道新建居家养老服务中心2个，新增托育位120个，惠及居民8000余人。

图片由青山湖街道提供

余杭区仁和街道举办首届农民丰收节

林晓燕 邵一凡

金秋时节，仁和街道的稻田里一片繁忙景象。丰收节期间共吸引游客3.2万人次，带动农产品销售额超过600万元。

活动现场还设置了农产品展销区，20余家合作社集中展示特色产品。

丰收节现场

杭州市拱墅区

# 老旧小区改造跑出加速度

■ 钱多多

今年，拱墅区计划改造老旧小区56个，涉及居民1.8万户。

## 居民议事定方案

改造前，社区召开居民议事会12场，收集意见建议300余条。

| 本期要目 | 第3版 | 第5版 |
|--|--|--|
| 城乡融合 | 老旧小区 | 丰收节 |

绿色出行
低碳生活
"""

LAYOUT_PAGE_TITLES = [
    "临安区青山湖街道：以科创赋能产业升级",
    "余杭区仁和街道举办首届农民丰收节",
    "老旧小区改造跑出加速度",
]

LAYOUT_PAGE_CAPTIONS = [
    "青山湖科技城夜景", "吴海 摄", "图片由青山湖街道提供", "丰收节现场", "绿色出行", "低碳生活",
]

# Sentences the page layout broke, as they must come out.
LAYOUT_PAGE_JOINED = [
    "企业负责人介绍，新产线投用后产能提升了三成，订单已经排到明年。",
    "街道相关负责人表示，将继续完善企业服务体系，为项目落地提供全周期保障，推动更多优质企业在这里扎根成长。",
]

# Markdown pages: articles under ##, a ### kicker above each, one byline a
# lone name, a caption (with a photographer's name) right before a head.
MARKDOWN_PAGE = """\
今起，本报将连续刊发系列报道，展示各街道基层治理的新做法。

## 网格走亲 打通服务最后一米

王晓东 陈一帆

今年以来，街道组建网格服务队18支，走访居民4200余户，解决急难愁盼问题160余件。

### 楼宇经济观察

## 一栋楼里的产业集群

郑宁

大厦投入运营以来，累计引进企业46家，其中科技型企业占比超过六成。

大厦航拍 何平

### 数字赋能

## 智慧社区让生活更便捷

许多 孔令辉

社区上线智能门禁和电子地图，居民办事平均等待时间缩短了一半。下一步，社区还将新增智能快递柜30组。
"""

MARKDOWN_PAGE_TITLES = ["", "网格走亲 打通服务最后一米", "一栋楼里的产业集群", "智慧社区让生活更便捷"]
