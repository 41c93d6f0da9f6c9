#!/usr/bin/env python
"""Import the 2026 research figures (shared/research/figures-2026.csv) into data/, with the 2026-12 audit.

    python scripts/import_figures_2026.py [--research PATH] [--data DIR] [--dry-run]

Load → process → save:

1. Load the research CSV (default: ../shared/research/figures-2026.csv beside the repository) and every CSV of
   the data folder.
2. Process:
   a. give every table the columns of the extended contract (datapackage.json), existing rows getting the
      defaults of NEW_COLUMNS (metrics.definition = standard, sources.mirror_of = '', …);
   b. apply the audit fixes to existing hand-made rows, each listed in an AUDIT_* table below (keyed by the
      row's primary key; every fix sets fixed values, so applying it twice changes nothing);
   c. turn each research row into rows of metrics.csv, targets.csv or statements.csv as the per-row decision
      table ROWS says (research line number -> metric, definition, unit conversion, comparator, note, …), or
      leave it out with the reason ROWS gives; add the sources of SOURCES, the metric definitions of
      NEW_METRIC_DEFINITIONS, the trillion-cluster members of TRILLION_MEMBERS and the supersession links of
      SUPERSEDED_BY;
   d. merge: a row this script made carries a marker at the end of its note ("[figures-2026.csv line N]" or
      "[2026-12 audit]"); such rows are replaced in place by their new version (or dropped when no longer
      made), new rows are appended, and a hand-made row is never replaced: a made row whose key a hand-made
      row already holds is left out and reported;
   e. give every English working text it writes its Chinese twin (the column X_zh right after X or X_en): the
      twin data/ already holds for the same English text (identical English, identical Chinese), else the one in
      TRANSLATIONS; an audit fix that changes an English text drops the row's old twin first. An English text
      with no known twin stops the import before anything is written (table, column and text named);
   f. check the contract rules the validator is being taught (tiers, ranges, supersession, pp/pct units) and
      stop before writing anything if one is broken.
3. Save every CSV with the csv module (minimal quoting, UTF-8, "\\n" line ends) and write
   data/IMPORT-2026-12.md, which accounts for all research rows (imported where, or left out and why).

Running it twice gives byte-identical files. It never touches code, only data/.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RESEARCH = REPO.parent / "shared" / "research" / "figures-2026.csv"
DEFAULT_DATA = REPO / "data"
REPORT_NAME = "IMPORT-2026-12.md"

RESEARCH_MARK = "[figures-2026.csv line {line}]"
RESEARCH_SOURCE_MARK = "[figures-2026.csv {lines}]"
AUDIT_MARK = "[2026-12 audit]"
OWNED = re.compile(r"\[figures-2026\.csv lines? [\d, ]+\]|\[2026-12 audit\]")
DEMOTED = "Tier lowered by the 2026-12 audit: repost not checked against another copy."

TIER_ORDER = "ABCD"
GOVERNMENT_HOSTS = (".gov.cn", ".gov.hk")

# ----------------------------------------------------------------------------------------------------------
# Contract extension: new columns, where they go, and the value existing rows get.
# ----------------------------------------------------------------------------------------------------------

NEW_COLUMNS = {  # table -> [(column, placed after, default for existing rows)]
    "sources": [("mirror_of", "document", ""), ("checked_against", "mirror_of", "")],
    "metrics": [("period_basis", "period", "quote"), ("definition", "adcode", "standard")],
    "targets": [
        ("target_value_max", "target_value", ""),
        ("definition", "adcode", "standard"),
        ("superseded_by", "plan", ""),
    ],
}
NEW_TABLES = {
    "statements": [
        "statement_id",
        "scope",
        "adcode",
        "period",
        "kind",
        "summary_en",
        "summary_zh",
        "source_id",
        "quote",
        "note",
    ],
    "trillion_members": ["cluster_id", "first_year", "source_id", "quote", "note"],
}
KEYS = {
    "sources": ("source_id",),
    "metrics": ("scope", "metric", "period", "adcode", "source_id"),
    "targets": ("target_id",),
    "statements": ("statement_id",),
    "trillion_members": ("cluster_id", "source_id"),
    "metric_definitions": ("metric",),
    "cluster_regions": ("cluster_id", "region_id", "source_id"),
    "regions": ("region_id",),
}

# Research qualifier of a target -> comparator (size classes and ranges are set per row in ROWS).
COMPARATORS = {"over": "exceed", "at_least": "at_least", "exact": "at_least", "": "at_least", "about": "about"}

# Research plan names -> the plan names targets.csv already uses.
PLANS = {
    "2023-2025 action plan": "Cluster action plan 2023-2025 (revised)",
    "2021-2025 action plan": "Cluster action plan 2021-2025",
}


def period_normalised(text: str) -> str:
    """2025M1-M5 -> 2025M01-M05 (two-digit months); other periods unchanged."""
    match = re.fullmatch(r"(\d{4})M(\d{1,2})-M(\d{1,2})", text)
    if not match:
        return text
    year, first, last = match.groups()
    return f"{year}M{int(first):02d}-M{int(last):02d}"


def host_of(url: str) -> str:
    return (urlparse(url).hostname or "").lower()


def is_government(url: str) -> bool:
    host = host_of(url)
    return any(host.endswith(suffix) for suffix in GOVERNMENT_HOSTS)


def tier_for(base: str, url: str, mirror_of: str, checked_against: str) -> str:
    """The audit rule: A only for a government site's own page; a mirror is B only when checked, else C.

    The result is never better than base (the tier the research or the dataset gave)."""
    if mirror_of:
        cap = "B" if checked_against else "C"
    elif is_government(url):
        cap = "A"
    else:
        cap = "B"
    return max(base, cap, key=TIER_ORDER.index)


# ----------------------------------------------------------------------------------------------------------
# Sources: one row per distinct research URL. Existing sources are matched by URL (EXISTING_BY_URL is read
# from sources.csv); every other research URL needs an entry here. Tier = tier_for(worst research tier of the
# URL's rows, url, mirror_of, checked_against). Pages on a government host count as the government's own
# publication even when they credit a media outlet (the credit is in publisher); mirror_of is for copies on
# other hosts. A news agency's wire story published by a subscribing outlet counts as that outlet's own page.
# ----------------------------------------------------------------------------------------------------------

CONSULTED = (
    "Page undated: published gives the year the page was consulted for the research (collected "
    "2026-12), not a publication date."
)


@dataclass(frozen=True)
class Src:
    url: str
    source_id: str
    title: str
    publisher: str
    language: str = "zh"
    mirror_of: str = ""
    published: str = ""  # empty: the research's own 'published'
    checked_against: str = ""
    note: str = ""


SOURCES = [
    Src(
        "http://02boy.com/news/202401/09/281258.html",
        "02boy-2024-01-09",
        "[广东省先进材料产业集群行动计划(2023-2025年)城市产业集群目标 (机器改写转载)]",
        "02boy.com (machine-rewritten repost)",
        mirror_of="the revised advanced-materials cluster action plan (2023-2025), city sub-cluster sections",
        note="Synonym-spun repost (資料=材料, 工業=产业, 歸納型=综合型); quotes are as printed, the Foshan one "
        "abridged with '……'.",
    ),
    Src(
        "http://zx.movesh.com/p.asp?h=%2Fdwq%2F2026%2F01-15%2F10552348.shtml",
        "movesh-2026-01-15",
        "[中国新闻网:“十四五”广东成就湛江专场报道 (转载)]",
        "zx.movesh.com (repost)",
        mirror_of="中国新闻网 (chinanews.com) story of 2026-01-15 on the Zhanjiang '十四五 广东成就' press conference",
    ),
    Src(
        "http://farmersmarketrm.com/photo/2023-06/14/c_1129692535_6.htm",
        "farmersmarketrm-2023-06-14",
        "[新华社图片报道:湛江经开区世界级临海钢铁产业集群 (镜像)]",
        "farmersmarketrm.com (mirror)",
        mirror_of="新华社 (Xinhua) photo story c_1129692535",
        note="Pinyin glosses of the garbled mirror removed from the quote (by the research).",
    ),
    Src(
        "https://m.sfccn.com/2021/9-24/wNMDE1MTNfMTY3MTEwNQ.html",
        "sfccn-2021-09-24",
        "[南方农村报:广东农林牧渔业总产值报道 (21财经转载)]",
        "21财经 / 南方财经 (m.sfccn.com)",
        mirror_of="南方农村报",
    ),
    Src(
        "https://yxjjdby.com/zhkx/202312/173450.html",
        "yxjjdby-2023-12-13",
        "[界面新闻:广东打造世界级食品制造贸易高地,力争2027年食品工业产值突破1.5万亿元 (转载)]",
        "yxjjdby.com (repost)",
        mirror_of="界面新闻 (Jiemian)",
        note="The body text gives '5万亿' where the headline gives 1.5万亿 (probably a typo; see targets).",
    ),
    Src(
        "https://www.zjzld.com/yaowen/37356.html",
        "zjzld-2023",
        "[南方农村报:2022年广东农林牧渔业总产值 (转载)]",
        "zjzld.com (repost)",
        mirror_of="南方农村报",
        note="Pinyin glosses and doubled commas of the repost removed from the quote (by the research).",
    ),
    Src(
        "https://www.newsgd.com/node_5c070fdd03/c2221f6cb4.shtml",
        "newsgd-2025-agriculture",
        "[Newsgd: Guangdong's agriculture, forestry, animal husbandry and fishery output in 2024]",
        "Newsgd.com (南方+ English)",
        language="en",
    ),
    Src(
        "https://www.zhonghongwang.com/show-444-393916-1.html",
        "zhonghongwang-2025-04-21",
        "[南方日报:广东现代农业产业集群培育行动方案(2025年—2027年)报道 (中宏网转载)]",
        "中宏网 (zhonghongwang.com)",
        mirror_of="南方日报",
    ),
    Src(
        "http://ben.sqcfn.com/J_proudeleventh.html",
        "sqcfn-2023-01-12",
        "[中国新闻网:2023年广东省政府工作报告报道 (转载)]",
        "ben.sqcfn.com (spam-injected repost)",
        mirror_of="中国新闻网 story on the 2023 Guangdong government work report",
        checked_against="http://leng.sqcfn.com/217098/chartweek.html",
        note="The research found the same text at leng.sqcfn.com/217098/chartweek.html and south.hz061.com "
        "(also spam-injected reposts of the 中新网 story).",
    ),
    Src(
        "http://cnlywrw.830052.com/cnlywrw/2023/0504/960.html",
        "830052-2023-05-04",
        "[南方都市报·湾财社:省工信厅2023年一季度新闻发布会报道 (转载)]",
        "cnlywrw.830052.com (repost)",
        mirror_of="南方都市报·湾财社",
    ),
    Src(
        "http://27.185.56.112:8082/attachment/news.php?yHx=WAi5.html",
        "chinanews-repost-2024-01-20",
        "[中国新闻网:省人大常委会新闻发布会 省工信厅副厅长吴红谈广东工业 (转载)]",
        "unidentified host 27.185.56.112 (repost)",
        mirror_of="中国新闻网 (中新网) story of 2024-01-20",
        note="The host shows the page date 2024-11-26; the story itself is dated 1月20日 (2024).",
    ),
    Src(
        "http://m.cmyuxie.com/article/20240611/herald/59ac17d69c2afc544e51236df9a4450e.html",
        "cmyuxie-2024-06-11",
        "[21世纪经济报道:常务副省长张虎谈广东战略性产业集群 (镜像)]",
        "m.cmyuxie.com (mirror with pinyin glosses)",
        mirror_of="21世纪经济报道 (21jingji.com) article 20240611/herald/59ac17d6…",
        note="Traditional-character mirror; the quoted sentence has no glosses.",
    ),
    Src(
        "http://m.936227.com/guonei/2023/0426/180448.html",
        "936227-2023-04-26",
        "[羊城晚报:省工信厅2023年一季度新闻发布会 (转载)]",
        "m.936227.com (spam-wrapped repost)",
        mirror_of="羊城晚报 / 金羊网",
        note="Pinyin glosses of the mirror removed from the quote (by the research).",
    ),
    Src(
        "http://www.97359.com.cn/a/zonghe/2025/2025010786233.html",
        "97359-2024-11-26",
        "广东:3-5年内再打造3-5个五千亿级产业集群",
        "97359.com.cn (repost)",
        mirror_of="coverage of the 省人大常委会专题询问 of 2024-11-26 (original outlet not named)",
        note="Headline as recorded by the research. published is the date of the session reported; the URL "
        "path suggests the repost is of January 2025. Also at zonghejiaofeipingtai.cn/tiyu/2025/30275.html "
        "(not recorded as checked).",
    ),
    Src(
        "http://yanan.hnxfqy.com/news/zFAoQs104125.html",
        "hnxfqy-2025-02-05",
        "[中国新闻网:《广东省现代化产业体系发展报告(2023—2024)》报道 (转载)]",
        "yanan.hnxfqy.com (repost)",
        mirror_of="中国新闻网 story of 2025-02-05",
    ),
    Src(
        "https://cinic.org.cn/xy/gd/1608203.html",
        "cinic-2025-10-22",
        "[中国产业经济信息网:广东“十四五”战略性产业集群发展报道]",
        "中国产业经济信息网 (cinic.org.cn)",
    ),
    Src(
        "http://dl.movesh.com/p.asp?h=a%2F2026-02%2F24%2Fcontent_32137668.htm",
        "ycwb-mirror-2026-02-24",
        "[羊城晚报·羊城派:超高清视频显示产业集群营业收入突破万亿元 (镜像)]",
        "dl.movesh.com (mirror)",
        mirror_of="羊城晚报·羊城派 (ycwb.com content_32137668)",
    ),
    Src(
        "https://article.wn.com/view/WNATf84f9de4ab90867dff4119e0aa7bb0c0",
        "wn-2026-02-24",
        "[WN 摘要:《广东省制造业与服务业协同发展白皮书》]",
        "WN (article.wn.com, aggregator)",
        mirror_of="coverage of the 《广东省制造业与服务业协同发展白皮书》 (省发展改革委, 2026)",
    ),
    Src(
        "https://www.gdass.org/MessageInfo_10756.shtml",
        "gdass-2025",
        "[广东省社会科学院:“十四五”时期广东产业发展回顾]",
        "广东省社会科学院 (gdass.org)",
        published="2025",
        note="The research gave tier B for three rows and C for one ('publisher not verified'); the lower tier "
        "is used. Page undated; it cites 2025 Q1-Q3 data, so 2025.",
    ),
    Src(
        "http://rpsgia.com/list/GABO_42514.html",
        "rpsgia-2025-01-09",
        "[人民日报:广州战略性新兴产业发展报道 (转载)]",
        "rpsgia.com (spam-injected repost)",
        mirror_of="人民日报 (reporter 罗艾桦)",
    ),
    Src(
        "https://www.hk01.com/%E5%8D%B3%E6%99%82%E4%B8%AD%E5%9C%8B/60305232/%E6%B7%B1%E5%9C%B3%E4%BA%A4%E5%87%BA-"
        "%E5%8D%81%E5%9B%9B%E4%BA%94-%E6%88%90%E7%B8%BE%E5%96%AE-%E9%B4%BB%E8%92%99-%E6%98%87%E9%A8%B0%E7%AA%81"
        "%E7%A0%B4-%E5%8D%A1%E8%84%96%E5%AD%90-%E6%8A%80%E8%A1%93",
        "hk01-2025-12-19",
        "[香港01:深圳交出「十四五」成績單]",
        "香港01 (hk01.com), citing 界面新闻",
        note="Same figures in ETtoday 2025-12-19 (research).",
    ),
    Src(
        "http://www.ssoouu.com/hlw/338807.html",
        "ssoouu-2024",
        "[通信世界网:深圳战略性新兴产业集群和未来产业高质量发展实施方案报道 (转载)]",
        "ssoouu.com (repost)",
        mirror_of="通信世界网",
        note="Page date not recorded; published gives the year the Shenzhen plan was issued (2024).",
    ),
    Src(
        "http://8net.net/2022/6/202522123839.shtml",
        "8net-2022-06",
        "[深圳“20+8”战略性新兴产业集群政策文件报道 (转载)]",
        "8net.net (repost)",
        mirror_of="news coverage of the Shenzhen '20+8' policy package of June 2022 (original outlet not named)",
        published="2022-06",
        note="The research dates one row 2022-06-06 and one 2022-06; the month is used. Traditional-character "
        "repost with pinyin glosses, removed in the quotes (by the research).",
    ),
    Src(
        "https://www.gdssmpa.com/web/diyizixun/xingyedongtai/2021-03-04/22213.html",
        "gdssmpa-2021-03-04",
        "[佛山日报:佛山“2+2+4”先进制造业集群建设报道 (转载)]",
        "gdssmpa.com (association site)",
        mirror_of="佛山日报",
    ),
    Src(
        "https://local.cctv.com/2023/03/20/ARTIMar21OT9Ape4adoYwZll230320.shtml",
        "cctv-2023-03-20",
        "[央视网:佛山泛家居产业报道]",
        "央视网 (cctv.com)",
    ),
    Src(
        "http://yingtianhong.cn/peizipingtaigupiaoxingqing/110105.html",
        "yingtianhong-2025-12-17",
        "[“十四五”广东成就佛山专场报道 (转载)]",
        "yingtianhong.cn (repost)",
        mirror_of="coverage of the Foshan '十四五 广东成就' press conference (original outlet not named)",
    ),
    Src(
        "http://www.apcreports.org.cn/index/news/71324.html",
        "apcreports-2026-01-05",
        "[“十四五”广东成就江门专场报道 (转载)]",
        "apcreports.org.cn (repost)",
        mirror_of="coverage of the Jiangmen '十四五 广东成就' press conference (original outlet not named)",
    ),
    Src(
        "https://blob.wenxiaobai.com/article/182dba86-5ffc-5b3c-648b-030a5fa87ef7",
        "wenxiaobai-2024-07-03",
        "[广东省人民政府:关于支持惠州打造广东高质量发展新增长极的意见 新闻 (转载)]",
        "blob.wenxiaobai.com (repost)",
        mirror_of="广东省人民政府 news item of 7月3日 (2024)",
    ),
    Src(
        "https://gubaposthk.eastmoney.com/news,cjpl,1646050694.html",
        "eastmoney-2025-12-29",
        "[中国新闻网:“十四五”广东成就东莞专场报道 (东方财富股吧转载)]",
        "东方财富股吧 (gubaposthk.eastmoney.com)",
        mirror_of="中国新闻网 story on the Dongguan '十四五 广东成就' press conference",
        note="The research gave tier B for two rows and C for two; the lower tier is used.",
    ),
    Src(
        "http://ttt.tibet.cn/cn/Instant/news/202301/t20230113_7345321.html",
        "tibet-2023-01-13",
        "[南方日报:广东汽车产业首次实现超万亿元营业收入 (中国西藏网转载)]",
        "中国西藏网 (tibet.cn)",
        mirror_of="南方日报 article of 2023-01-13",
    ),
    Src(
        "http://www.022china.com/car/20221031/29969.html",
        "022china-2022-10-31",
        "[证券时报网/南方日报:前三季度广东汽车产量 (转载)]",
        "022china.com (repost)",
        mirror_of="证券时报网 item citing 南方日报",
    ),
    Src(
        "https://www.newsgd.com/node_d6ab31923d/7465bac569.shtml",
        "newsgd-2024-auto-data",
        "[Newsgd Data Explorer: Guangdong's automobile and new energy vehicle production in 2023]",
        "Newsgd.com (南方+ English), 'Data Explorer'",
        language="en",
        published="2024",
        note="Page undated; 2024 is the research's reading (it reports full-year 2023 NBS data).",
    ),
    Src(
        "http://en.people.cn/n3/2024/0124/c90000-20126060.html",
        "people-en-2024-01-24",
        "[Xinhua: Guangdong sets 2025 goals for its automotive industry (People's Daily Online)]",
        "People's Daily Online (en.people.cn), Xinhua story",
        language="en",
        note="Xinhua/People's Daily (2024-01-24) also rounds 2023 NEV output to 2.53 million (research).",
    ),
    Src(
        "https://xjnnet.com/qiche/dongtai/2023-01-10/120465.html",
        "xjnnet-2023-01-10",
        "[中国新闻网:2022年广州汽车产量报道 (转载)]",
        "xjnnet.com (repost)",
        mirror_of="中国新闻网",
    ),
    Src(
        "http://companies.caixin.com/2019-07-11/101438086.html",
        "caixin-2019-07-11",
        "[财新网:广州推进汽车产业加快转型升级工作意见(征求意见稿)报道]",
        "财新网 (caixin.com)",
    ),
    Src(
        "http://m.iboding.cn/zwgk/zdlyxxgkzl/spypaq/content/post_4096465.html",
        "iboding-2023-02-17",
        "[南方日报:2022年广东生物医药与健康产业集群营业收入 (政府网站页面镜像)]",
        "m.iboding.cn (mirror)",
        mirror_of="南方日报网络版 article as reposted on a government site page (post_4096465)",
        note="Pinyin glosses inserted by the mirror removed from the quote (by the research).",
    ),
    Src(
        "http://m.trlz.com.cn/web/gdxw/2024-10/09/content_240179.html",
        "trlz-2024-10-09",
        "[科技日报:广东生物医药与健康产业集群报道 (转载)]",
        "m.trlz.com.cn (repost)",
        mirror_of="科技日报",
    ),
    Src(
        "https://www.chinasme.org.cn/html/mcms//daohang/huiyizhanlan/chanyezixun1636645504799186946/"
        "1851135575173271554.html",
        "chinasme-2024-10-29",
        "[工信微报:关于进一步推动广东生物医药产业高质量发展的行动方案 (转载)]",
        "chinasme.org.cn (repost)",
        mirror_of="工信微报 (MIIT WeChat account)",
    ),
    Src(
        "http://www.yjhs9999.com/p/302226.html",
        "yjhs9999-2021-09-14",
        "[广州日报:广州生物医药健康产业增加值 (转载)]",
        "yjhs9999.com (repost)",
        mirror_of="广州日报",
    ),
    Src(
        "http://www.52cydai.net/news/2022/0516/87862.html",
        "52cydai-2022-05-16",
        "[深圳商报:深圳生物产业规模不断扩大 (转载)]",
        "52cydai.net (repost)",
        mirror_of="深圳商报",
        note="Repost pinyin glosses removed from the quote (by the research).",
    ),
    Src(
        "http://berlearn.com/jrjg/hlwjr/2020-10-21/A1603271285618.html",
        "berlearn-2020-10-21",
        "[证券日报:全国区块链企业注册数量报道 (转载)]",
        "berlearn.com (repost)",
        mirror_of="证券日报",
        note="Garbled page: duplicated pinyin removed from the quote (by the research).",
    ),
    Src(
        "http://yourcotton.cn/content/2021-08/23/content_24504739.htm",
        "yourcotton-2021-08-23",
        "[深圳媒体:广东数字创意产业集群企业报道 (转载)]",
        "yourcotton.cn (repost)",
        mirror_of="an unidentified Shenzhen media report",
        note="Duplicated pinyin characters removed from the quote (by the research).",
    ),
    Src(
        "http://north.ggwc.cn/gundong/52781.html",
        "ggwc-2023-11",
        "[南方都市报“信心有数”:数字创意产业集群营收剑指六千亿目标 (转载)]",
        "north.ggwc.cn (repost)",
        mirror_of="南方都市报 '信心有数' feature",
        note="Month from the content (2023粤港澳大湾区文化产业投资大会, 11月28-29日).",
    ),
    Src(
        "https://www.laitimes.com/zh/article/5kskj_618gq.html",
        "laitimes-2023-06",
        "[Guangdong's digital and creative industries in 2022 (English version of a South+ poster)]",
        "laitimes.com (repost)",
        language="en",
        mirror_of="南方+ (South+) poster",
        note="Month from the content (ahead of the 19th 文博会, June 2023).",
    ),
    Src(
        "http://txcsxy.com/culture/gd/202007/23/t20200723_35382792.shtml",
        "txcsxy-2020-07-23",
        "[中国经济网:广州数字创意产业营收突破千亿元 (镜像)]",
        "txcsxy.com (mirror, ce.cn path)",
        mirror_of="中国经济网 (ce.cn) article t20200723_35382792",
        note="Duplicated pinyin/simplified characters of the mirror removed from the quote (by the research).",
    ),
    Src(
        "http://zixun.jintiao.net/zixun/2022/0608/30886.html",
        "jintiao-2022-06-08",
        "[深圳商报:深圳市培育数字创意产业集群行动计划(2022-2025年)报道 (转载)]",
        "zixun.jintiao.net (repost)",
        mirror_of="深圳商报",
    ),
    Src(
        "http://yzfyrn.cn/news/206.html",
        "yzfyrn-2024-11-21",
        "[中商情报网:广东新一代电子信息产业集群分析 (转载)]",
        "yzfyrn.cn (repost)",
        mirror_of="中商情报网",
        note="Repost date shown; the original 中商 piece is undated.",
    ),
    Src(
        "http://finance.newshainan.com/20221221/37980.htm",
        "newshainan-2022-12-20",
        "[中国新闻网:广东电子信息制造业工业增加值超9000亿元 (转载)]",
        "finance.newshainan.com (repost)",
        mirror_of="中国新闻网 story (中新网深圳12月20日电)",
        note="SEO-styled repost site.",
    ),
    Src(
        "http://hntfsm.com/article/content/201910/1265/1.html",
        "hntfsm-2019-10",
        "[广东新一代信息技术产业集群行动计划报道 (转载)]",
        "hntfsm.com (repost)",
        mirror_of="an unidentified report of a 2019 Guangdong new-generation IT industry plan",
    ),
    Src(
        "https://zuizhijiaoyu.com/jp_szgov/business/industry/content/post_11500989.html",
        "zuizhijiaoyu-2024-szgov-jp",
        "[深圳市政府オンライン日本語版:深圳の戦略的新興産業 (ミラー)]",
        "zuizhijiaoyu.com (mirror)",
        language="ja",
        published="2024",
        mirror_of="深圳市人民政府 Shenzhen Government Online, Japanese edition (sz.gov.cn jp_szgov/business/"
        "industry/content/post_11500989)",
        note="Research tier 'A (mirror)'. Page undated (2024, research). The French edition (post_11506600) "
        "gives the same figure; that is another language edition, not a copy of this text, so it is not "
        "recorded as checked_against.",
    ),
    Src(
        "https://news.sun0769.com/dg/headnews/202408/t20240823_16365749.shtml",
        "sun0769-2024-08-23",
        "[东莞广播电视台:东莞上半年经济运行情况]",
        "东莞广播电视台 (sun0769.com)",
    ),
    Src(
        "https://www.process-worldwide.com/new-five-year-plan-how-is-chinas-chemical-industry-arming-the-south-"
        "a-974148/",
        "process-worldwide-2020",
        "New five-year plan: how is China's chemical industry arming the south?",
        "PROCESS Worldwide (China Market Insider, Henrik Bork)",
        language="en",
        published="2020",
        note="Title from the URL. Article undated; written while the 14th Five-Year Plan was being drafted, so "
        "2020 (research reading).",
    ),
    Src(
        "https://zachmalone.com/www/index.php/news/info/21491.html",
        "zachmalone-2024",
        "[广东石化产业发展评论 (转载)]",
        "zachmalone.com (repost)",
        mirror_of="an unidentified industry commentary on Guangdong's petrochemical industry",
        published="2024",
        note="Page undated; 2024 is our reading: the article discusses the 2023-2025 plan issued at the end of "
        "'the previous year' and national 2023 figures.",
    ),
    Src(
        "http://www.sz.gov.cn/fr_szgov/business/news/content/post_11096237.html",
        "szgov-fr-2024-01-11",
        "[Le Guangdong dévoile son plan d'action pour la pétrochimie verte (2023-2025)]",
        "深圳市人民政府 Shenzhen Government Online, édition française (sz.gov.cn), source French.china.org.cn",
        language="fr",
        note="Government site's own page (French edition), crediting French.china.org.cn. French wording "
        "translates the Chinese plan: 'production industrielle' = 产业规模.",
    ),
    Src(
        "https://pub.timedg.com:443/s/2025-12/11/AP693a7dcfe4b004aa4a8d2633.html",
        "timedg-2025-12-11",
        "[东莞时间网:惠州石化能源新材料产业报道]",
        "东莞时间网 (timedg.com)",
    ),
    Src(
        "https://freewechat.com/a/Mzg5OTgxNDU2MQ==/2247502722/{{href}}",
        "freewechat-2024-09-16",
        "[惠州日报/惠州市发展和改革局:关于支持惠州加快构建绿色低碳产业体系的意见解读 (微信文章镜像)]",
        "freewechat.com (mirror)",
        mirror_of="惠州日报 / 惠州市发展和改革局 WeChat post",
        note="URL as recorded by the research (it ends in a template placeholder '{{href}}').",
    ),
    Src(
        "http://lifeinnt.com/redian/58629.html",
        "lifeinnt-2024",
        "[2024粤港澳大湾区全球招商大会:广东高端装备制造产业数据 (转载)]",
        "lifeinnt.com (repost)",
        mirror_of="an unidentified report on the 2024-11-08 粤港澳大湾区全球招商大会",
        published="2024",
        note="Page undated; 2024 is our reading (it reports the 2024-11-08 event).",
    ),
    Src(
        "https://portal.sina.com.hk/finance/finance-realtime/sina/2023/12/01/652419/%E6%B5%B7%E4%B8%8A%E6%96%B0"
        "%E5%BB%A3%E6%9D%B1%E5%95%9F%E7%A4%BA%E9%8C%84%EF%BC%9A14%E5%9F%8E%E5%B0%8B%E6%89%BE%E8%97%8D%E8%89%B2"
        "%E5%A2%9E%E9%87%8F%EF%BD%9C%E5%BC%B7%E4%BF%A1%E5%BF%83/",
        "sina-hk-2023-12-01",
        "海上新廣東啟示錄：14城尋找藍色增量｜強信心",
        "新浪香港 (portal.sina.com.hk)",
        mirror_of="南方财经全媒体 / 21世纪经济报道",
        note="Title from the URL.",
    ),
    Src(
        "http://epaper.oeeee.com/epaper/A/html/2021-01/15/content_984.htm",
        "oeeee-2021-01-15",
        "[南方都市报 2021-01-15:湾区创新论坛 激光与增材制造产业报道]",
        "南方都市报 (epaper.oeeee.com)",
    ),
    Src(
        "https://laserfair.com/news/202010/17/77638.html",
        "laserfair-2020-10-17",
        "[激光制造网:深圳激光产业发展报道]",
        "激光制造网 (laserfair.com)",
    ),
    Src(
        "http://iibrand.com/fuzhuang/202304/2652048.html",
        "iibrand-2023-04-26",
        "[服装资讯网:广东纺织服装产业高质量发展实施意见政策解读报道]",
        "服装资讯网 (iibrand.com)",
        note="Reports a 省工信厅消费品工业处 policy briefing. The same target is at fzthinking.com/article/"
        "details/2021 and ycsk.com.cn (research).",
    ),
    Src(
        "https://x.qianzhan.com/xcharts/detail/5bb958e1ba234246.html",
        "qianzhan-2024-10-28",
        "[前瞻产业研究院:东莞家具制造业产值]",
        "前瞻产业研究院 (x.qianzhan.com)",
    ),
    Src(
        "http://www.te-ch.tech/news/show-324576.html",
        "te-ch-2024-01-11",
        "[羊城晚报:2024中国储能CEO大会 广东新型储能产业 (转载)]",
        "te-ch.tech (repost)",
        mirror_of="羊城晚报",
    ),
    Src(
        "https://finance.stockstar.com/IG2025030600036778.shtml",
        "stockstar-2025-03-06",
        "[时代周报:广东新能源产业集群营业收入突破万亿元 (证券之星转载)]",
        "证券之星 (finance.stockstar.com)",
        mirror_of="时代周报",
        note="The 2024 revenue is corroborated by a different article (央广网, mirrored at http://www.big5five.com/"
        "gd/guangdonglueying/20250320/t20250320_527107209.shtml, 2025-03-20); that is not a copy of this "
        "text, so it is not recorded as checked_against.",
    ),
    Src(
        "http://21spv.com/news/show.php?itemid=214435",
        "21spv-2024-01",
        "[华尔街见闻:广东新型储能产业发展报道 (转载)]",
        "21spv.com (repost)",
        mirror_of="华尔街见闻",
        note="Month inferred by the research from the article's reference to 2024年1月1日至23日.",
    ),
    Src(
        "https://www.chbma.com/a/zhengce/9570.html",
        "chbma-guangzhou-energy-storage",
        "[广州市关于推动新型储能产业高质量发展的实施意见 (行业门户转载)]",
        "chbma.com (industry portal)",
        published="2026",
        note=CONSULTED + " The quote dates the notice 8月15日 without a year.",
    ),
    Src(
        "http://www.tybsix.cn/2024-11-06/102253783.html",
        "tybsix-2024-11-06",
        "[财新网/广州日报:广州市推进新型储能产业园区建设实施方案报道 (转载)]",
        "tybsix.cn (repost)",
        mirror_of="财新网 item citing 广州日报",
        note="Pinyin annotations of the repost removed from the quote (by the research).",
    ),
    Src(
        "http://ytjhdl.cn/xy/gd/1536992.html",
        "ytjhdl-2024",
        "[中国产业经济信息网:高质量发展调研行 广东支柱产业集群 (镜像)]",
        "ytjhdl.cn (mirror)",
        mirror_of="中国产业经济信息网 (cinic.org.cn xy/gd/1536992)",
        note="Pinyin glosses of the mirror removed from the quote (by the research).",
    ),
    Src(
        "https://861718.com/zixun/show-10633.html",
        "861718-precision-instruments",
        "[广东省精密仪器设备产业集群发展目标 (仪器行业门户)]",
        "861718.com (instrument-industry portal)",
        published="2026",
        note=CONSULTED + " The page mislabels the cluster as a 十大战略性支柱产业 (research).",
    ),
    Src(
        "https://gd.ifeng.com/c/8o420VUyLg4",
        "ifeng-gd-2025-11-06",
        "[凤凰网广东:首场“‘十四五’广东成就”新闻发布会]",
        "凤凰网广东 (gd.ifeng.com)",
    ),
    Src(
        "http://czetzy.guoluhuishou.com/news/12e499981.html",
        "guoluhuishou-2024-03-29",
        "[大公报:国新办发布会 广东省长王伟中谈产业集群 (转载)]",
        "czetzy.guoluhuishou.com (spam-injected repost)",
        mirror_of="大公报",
    ),
    Src(
        "http://news.znzbw.cn/show-37881.html",
        "znzbw-2024-02-23",
        "[中国经济导报/中国发展网:广东五大未来产业集群行动计划报道 (智能装备网转载)]",
        "智能装备网 (news.znzbw.cn)",
        mirror_of="中国经济导报 / 中国发展网",
    ),
    Src(
        "https://stcn.com/article/detail/3611747.html",
        "stcn-2026-01-26",
        "[证券时报网:2026年广东省政府工作报告报道]",
        "证券时报网 (stcn.com)",
        note="'机身' after 第六代移动通信 in the quote is verbatim (probably a transcription slip, research).",
    ),
    Src(
        "https://www.gmt8press.com/flash/detail/1239964",
        "gmt8press-2026-03-11",
        "[GMTEight: Guangdong action plan for accelerating the cultivation and development of new tracks]",
        "GMTEight (智通财经 English)",
        language="en",
        note="English summary only; the Chinese original was not read (research).",
    ),
    Src(
        "https://reportify.cn/news/1213679750573330432",
        "reportify-2026-01-27",
        "[21世纪经济报道:2026年广东省政府工作报告 (Reportify 摘要)]",
        "Reportify (reportify.cn, aggregator)",
        mirror_of="21世纪经济报道",
        note="The quote keeps a stray space ('取 得') as in the source.",
    ),
    Src(
        "https://www.stheadline.com/zh-hans/realtime-china/3547314/%E5%B9%BF%E4%B8%9C%E6%96%B0%E6%98%A5%E7%AC%AC"
        "%E4%B8%80%E4%BC%9A-%E8%81%9A%E7%84%A6%E5%88%B6%E9%80%A0%E4%B8%9A%E6%9C%8D%E5%8A%A1%E4%B8%9A%E5%8D%8F"
        "%E5%90%8C",
        "stheadline-2026-02-25",
        "[星岛日报:广东新春第一会 聚焦制造业服务业协同]",
        "星岛日报 (stheadline.com)",
    ),
    Src(
        "http://masluolai.com/wushui/9189.html",
        "masluolai-shenzhen-safety-plan",
        "[深圳市培育发展安全节能环保产业集群行动计划(2022-2025年)通知 (转载)]",
        "masluolai.com (repost)",
        mirror_of="the Shenzhen five-department notice of the 安全节能环保 cluster action plan (2022-2025)",
        published="2026",
        note=CONSULTED + " Duplicated pinyin characters removed from the quote (research).",
    ),
    Src(
        "http://scfju.cn/hqjj/67627.html",
        "scfju-2022",
        "[南方财经全媒体:省工信厅媒体通气会 2021年工业数据 (转载)]",
        "scfju.cn (repost)",
        mirror_of="南方财经全媒体",
        published="2022",
        note="Page undated; 2022 is our reading (briefing of 2022-01-24 on 2021 data).",
    ),
    Src(
        "https://huluic.cn/article/d1f6h9c0f5c287823.html",
        "huluic-2023",
        "[全球半导体观察:广东半导体及集成电路产业集群 (转载)]",
        "huluic.cn (repost)",
        mirror_of="全球半导体观察",
        published="2023",
        note="Page undated; it reports H1-2023 data, so 2023 or later (our reading: 2023).",
    ),
    Src(
        "http://m.wqcgm.cn/news/3595650.html",
        "wqcgm-2025",
        "[2025年广东省政府工作报告 (转载)]",
        "m.wqcgm.cn (repost)",
        mirror_of="the 2025 Guangdong government work report (delivered 2025-01-15)",
        published="2025",
        note="Page undated; the report was delivered on 2025-01-15. Duplicated pinyin characters removed from "
        "the quote (research).",
    ),
    Src(
        "https://ropecount.com/news/629e2de8ce1821189d099ebf",
        "ropecount-2022",
        "[Shenzhen integrated circuit cluster action plan (2022-2025): English news repost]",
        "ropecount.com (repost)",
        language="en",
        mirror_of="news on the Shenzhen IC cluster plan issued by 深圳市发改委 on 2022-06-06",
        published="2022",
        note="Page undated; it describes the plan issued on June 6 (2022).",
    ),
    Src(
        "https://www.aiiaw.com/19579.html",
        "aiiaw-2023",
        "[2023 ICS中国(深圳)集成电路峰会报道:深圳市科创委 陈文献]",
        "aiiaw.com",
        published="2023",
        note="Page undated; it reports the 2023 summit.",
    ),
    Src(
        "https://chipsourcetek.com/en/industry-news/2314.html",
        "chipsourcetek-2022-12-31",
        "[Chipsourcetek: Shenzhen's IC revenue in 2022]",
        "chipsourcetek.com (industry portal)",
        language="en",
    ),
    Src(
        "http://sz.people.com.cn/BIG5/n2/2024/0817/c202846-40947281.html",
        "people-sz-2024-08-17",
        "[深圳特区报:深圳集成电路产业发展报道 (人民网深圳频道)]",
        "人民网深圳频道 (sz.people.com.cn)",
        mirror_of="深圳特区报",
    ),
    Src(
        "http://gdstc.gd.gov.cn/kjzx_n/gdkj_n/content/post_4508331.html",
        "gdstc-2024-10",
        "[南方日报:深圳集成电路产业报道 (广东省科学技术厅网站转载)]",
        "广东省科学技术厅 (gdstc.gd.gov.cn), reposting 南方日报",
        note="Government site's own page, crediting 南方日报.",
    ),
    Src(
        "http://stock.hexun.com/2025-10-10/221727914.html",
        "hexun-2025-10-10",
        "[人民财讯:深圳市政府新闻发布会 半导体与集成电路产业 (和讯网)]",
        "和讯网 (stock.hexun.com), 人民财讯 wire story",
        note="Same figures on hotlink.work (C; research).",
    ),
    Src(
        "https://news.floridanewsreporter.com/story/394512/with-an-investment-of-100-billion-yuan-guangdong-china-"
        "leads-the-highend-integrated-circuit-industry-cluster-with-international-competitiveness-fast-turn-"
        "chip.html",
        "floridanewsreporter-2022-10-27",
        "With an investment of 100 billion yuan, Guangdong, China leads the high-end integrated circuit industry "
        "cluster with international competitiveness (FAST TURN CHIP)",
        "floridanewsreporter.com (press release)",
        language="en",
        note="Company press release; title from the URL. The Zhuhai plan is not named.",
    ),
    Src(
        "https://m.fx361.cc/news/2022/0207/16949913.html",
        "fx361-2022",
        "[日用电器 2022年第12期:广东家电产业发展 (孟悦、劳晓丹)]",
        "fx361 (journal-article aggregator)",
        mirror_of="《日用电器》 journal article (2022 No.12; 中国电器科学研究院/威凯检测)",
    ),
    Src(
        "http://111.203.215.41:80/index.php?Pq=okBDl.html",
        "gzdaily-repost-2024-11-22",
        "[广州日报:上半年广东机电产品出口 (转载)]",
        "unidentified host 111.203.215.41 (repost)",
        mirror_of="广州日报 report of mid-2024",
        note="published is the repost date shown on the page; the original report is from mid-2024.",
    ),
    Src(
        "https://ysln.ycwb.com/content/2026-01/15/content_53911122.html",
        "ycwb-pearl-2026-01-15",
        "[Yangcheng Evening News PEARL: Guangdong's home appliance industry]",
        "羊城晚报 PEARL (ysln.ycwb.com)",
        language="en",
    ),
    Src(
        "https://amishow.com/video/22933/%E5%B9%BF%E4%B8%9C%E7%9C%81%E5%A4%A7%E5%8A%9B%E6%89%B6%E6%8C%81%E6%99%BA"
        "%E8%83%BD%E5%AE%B6%E7%94%B5%E4%BA%A7%E4%B8%9A%E5%B8%A6%EF%BC%8C%E8%B7%A8%E5%A2%83%E7%94%B5%E5%95%86"
        "%E5%8D%96%E5%AE%B6%E5%90%8C%E6%AD%A5%E8%8E%B7%E7%9B%8A",
        "amishow-smart-home-plan",
        "广东省大力扶持智能家电产业带，跨境电商卖家同步获益",
        "MiShow (amishow.com, commercial video/blog site)",
        published="2026",
        note=CONSULTED + " Title from the URL.",
    ),
    Src(
        "https://gubaposthk.eastmoney.com/news,cjpl,1557721232.html",
        "eastmoney-2025-06-air-index",
        "[南方财经:AIR珠江指数报告 广东机器人产业 (东方财富股吧转载)]",
        "东方财富股吧 (gubaposthk.eastmoney.com)",
        mirror_of="南方财经 (AIR珠江指数报告 coverage)",
        note="Month from the text (2025-06-06 event).",
    ),
    Src(
        "https://cnrobopedia.com/guangdong-on-track-to-boast-us11b-robotic-industry-by-2025-official-plan-says/",
        "cnrobopedia-robot-plan-2023-2025",
        "Guangdong on track to boast US$11b robotic industry by 2025, official plan says",
        "CnRobopedia (English industry portal citing Chinese media)",
        language="en",
        published="2026",
        note=CONSULTED + " Title from the URL. It reports the 2023-2025 plan issued 2023-12-29; the original "
        "Chinese wording (达到/突破) was not seen.",
    ),
    Src(
        "https://economy.gmw.cn/2025-04/11/content_37959259.htm",
        "gmw-2025-04-11",
        "[光明网:广东工业机器人产量连续五年全国第一]",
        "光明网 (gmw.cn)",
    ),
    Src(
        "http://103.52.134.50/scripts/news.php?OZ=XIqqF.html",
        "chinanews-repost-2024-07",
        "[中新社:上半年广东工业机器人产量 (转载)]",
        "unidentified host 103.52.134.50 (repost)",
        mirror_of="中新社 wire of 7月24日 (广州)",
        note="Bare-IP repost dated 2024-11-01 of a 中新社 story of 2024-07-24 (research).",
    ),
    Src(
        "https://www.excite.co.jp/news/article/Recordchina_970326",
        "excite-recordchina-2026",
        "[Record China:広東省の産業用ロボット生産台数 (excite.co.jp)]",
        "excite.co.jp (エキサイトニュース)",
        language="ja",
        mirror_of="Record China (レコードチャイナ) article",
        published="2026",
        note="Page undated (early 2026, research). Japanese report of the 广东省政府新闻办 '十四五' press "
        "conference; the Chinese original was not found.",
    ),
    Src(
        "https://www.stcn.com/article/detail/3532777.html",
        "stcn-2025-12-10",
        "[深圳商报:广东人工智能与机器人产业 (证券时报网转载)]",
        "证券时报网 (stcn.com)",
        mirror_of="深圳商报",
    ),
    Src(
        "https://info.newsgd.com/node_a42013034a/b3e1ebf73f.shtml",
        "newsgd-2025-robots",
        "[Newsgd: Guangdong's industrial robot output, January-May 2025]",
        "Newsgd.com (南方+ English)",
        language="en",
        published="2025",
        note="Page undated; 2025 is our reading (January-May 2025 data).",
    ),
    Src(
        "https://gubaposthk.eastmoney.com/news,cjpl,1557242377.html",
        "eastmoney-2025-06-robots-q1",
        "[南方财经:广东工业机器人一季度产量 (东方财富股吧转载)]",
        "东方财富股吧 (gubaposthk.eastmoney.com)",
        mirror_of="南方财经",
        note="Month from the text (before the 2025-06-06 联盟 launch).",
    ),
    Src(
        "http://p-pub.com/news_view.aspx?Fid=t2%3A5%3A2&Id=724&TypeId=5",
        "p-pub-2020",
        "[《2019年深圳市机器人产业发展白皮书》报道 (转载)]",
        "p-pub.com (repost)",
        mirror_of="coverage of the 深圳市机器人协会 white paper 2019 (released 2020-05-29)",
        published="2020",
        note="Page undated; 2020 is our reading (the white paper was released 2020-05-29). Garbled page: "
        "duplicated pinyin removed from the quote (research). Association sample survey, not official "
        "statistics.",
    ),
    Src(
        "https://cn.smartmore.com/article/post/30492.html",
        "smartmore-2021-04",
        "[深圳市机器人产业发展白皮书(2020)报道 (转载)]",
        "cn.smartmore.com (repost)",
        mirror_of="coverage of the 深圳先进院 / 深圳市机器人协会 white paper (released 2021-04-09)",
    ),
    Src(
        "http://m.pjyby.com/news/show-htm-itemid-286133.html",
        "pjyby-shenzhen-robots-2022",
        "[中商产业研究院:深圳市机器人产业发展白皮书(2022)数据 (转载)]",
        "m.pjyby.com (repost)",
        mirror_of="中商产业研究院",
        published="2026",
        note=CONSULTED + " Garbled page: duplicated pinyin removed from the quote (research).",
    ),
    Src(
        "http://tp.hkcd.com/hkcdweb/content/2024/04/12/content_8632022.html",
        "hkcd-2024-04-12",
        "[香港商报:2023年深圳市机器人产业发展白皮书发布]",
        "香港商报 (hkcd.com)",
    ),
    Src(
        "https://hkcd.com./hkcdweb/content/2025/04/25/content_8691948.html",
        "hkcd-2025-04-25",
        "[香港商报:深圳市机器人产业发展白皮书(2024年)发布]",
        "香港商报 (hkcd.com)",
    ),
    Src(
        "https://news.mingpao.com/pns/%E6%B8%AF%E8%81%9E/article/20250922/s00002/1758471796879/%E7%81%A3%E5%8D%80"
        "%E7%86%B1%E6%90%9C-%E6%94%BB%E6%99%BA%E8%83%BD%E5%AE%B6%E9%9B%BB%E6%A9%9F%E6%A2%B0%E4%BA%BA-%E4%BD%9B"
        "%E5%B1%B1%E6%8E%A8%E8%B3%87%E5%8A%A9%E8%A8%AD%E5%9F%BA%E9%87%91-%E6%8A%95%E5%85%A5%E6%9C%80%E5%B0%91"
        "40%E5%84%84-%E7%9B%BC%E7%AA%81%E7%A0%B4%E5%82%B3%E7%B5%B1%E7%94%A2%E6%A5%AD%E5%A2%9E%E9%95%B7%E7%93"
        "%B6%E9%A0%B8",
        "mingpao-2025-09-22",
        "[灣區熱搜 攻智能家電機械人 佛山推資助設基金 投入最少40億 盼突破傳統產業增長瓶頸]",
        "明报 (mingpao.com)",
        note="Bracketed title rebuilt from the URL slug (its punctuation is lost).",
    ),
    Src(
        "http://wap.vmaya.com/socwnews/topic/tskey/qn7270616209319931663.html",
        "vmaya-2020",
        "[佛山市副市长乔羽谈机器人产业集群 (转载)]",
        "wap.vmaya.com (repost)",
        mirror_of="an unidentified news report",
        published="2020",
        note="Page undated; about late 2020 (research: the same article says 2020年佛山机器人及智能装备总产值将突破"
        "900亿元).",
    ),
    Src(
        "http://gz.feibaos.com/news/info/90682.html",
        "feibaos-2023-12-27",
        "[东莞市发展智能机器人产业行动计划(2023-2025年) (转载)]",
        "gz.feibaos.com (repost)",
        mirror_of="东莞市工业和信息化局 plan text (东莞市发展智能机器人产业行动计划(2023-2025年))",
    ),
    Src(
        "https://pub.timedg.com/a/2024-01/16/AP65a5d03be4b0c5fd63db2dec.html",
        "timedg-2024-01-16",
        "[东莞时间网:东莞智能机器人产业计划报道]",
        "东莞时间网 (timedg.com, 东莞报业)",
    ),
    Src(
        "https://m.ts-vln.com/www/xinxi/17558.html",
        "ts-vln-dongguan-robot-plan",
        "[东莞市智能机器人产业集群行动计划(2025年版) (转载)]",
        "m.ts-vln.com (repost)",
        mirror_of="Dongguan smart robot plan text (2025 edition; cites 东府〔2025〕1号)",
        published="2025",
        note="Page undated; 2025 is our reading (the plan cites 东府〔2025〕1号). Characters garbled; the quote is "
        "verbatim including the garbling ('G').",
    ),
    Src(
        "https://reportify.cn/news/1211041645521408000",
        "reportify-2026-01-20",
        "[21世纪经济报道:广东“十四五”软件与数字产业 (Reportify 摘要)]",
        "Reportify (reportify.cn, aggregator)",
        mirror_of="21世纪经济报道",
        note="Aggregator's bullet summary; wording may be condensed (research).",
    ),
    Src(
        "http://gdii.gd.gov.cn/mtbd1875/content/post_3279314.html",
        "gdii-2021-04-24",
        "[南方网:广东省工业和信息化厅2021年一季度新闻发布会报道]",
        "广东省工业和信息化厅 (gdii.gd.gov.cn), 南方网 report",
        note="Government site's own page, crediting 南方网.",
    ),
    Src(
        "http://258256.com/news/d38802.html",
        "258256-2024-06-17",
        "[羊城晚报:广东软件产业发展报道 (转载)]",
        "258256.com (repost)",
        mirror_of="羊城晚报",
    ),
    Src(
        "http://m.lwxqpzq.cn/info/infoview229209.htm",
        "lwxqpzq-2025-01",
        "[弘博报告:2024年软件业经济运行情况 (转载)]",
        "m.lwxqpzq.cn (repost)",
        mirror_of="弘博报告, reposting 工信部运行监测协调局 '2024年软件业经济运行情况'",
        note="Repost pinyin glosses removed from the quote (research).",
    ),
    Src(
        "https://3g.china.com/act/news/10000169/20250121/47896881.html",
        "chinacom-2025-01-21",
        "[新华社:2025年广东省工业和信息化工作会议报道 (中华网)]",
        "中华网 (3g.china.com), 新华社 story",
        note="Same figure in the 新华社 text reposted at yxiu.cn/finance/ch/389088.html (research).",
    ),
    Src(
        "http://gzoutsourcing.cn/Article/20210226/34757.html",
        "gzoutsourcing-2021-02-26",
        "[广州日报:广州软件和信息服务业营收 (转载)]",
        "gzoutsourcing.cn (repost)",
        mirror_of="广州日报",
    ),
    Src(
        "http://www.ettaleb.com/news/net/2021/0906/573396.html",
        "ettaleb-2021-09-06",
        "[广州市统计局:“十三五”广州互联网软件业发展分析 (转载)]",
        "ettaleb.com (repost)",
        mirror_of="广州市统计局 analysis",
    ),
    Src(
        "https://gxj.gz.gov.cn/zw/zfxxgkml/xxgkml/rddbjyhzxta/content/post_9826110.html",
        "gxj-gz-2024-cppcc-reply",
        "[广州市工业和信息化局:对市政协提案第2025号的答复]",
        "广州市工业和信息化局 (gxj.gz.gov.cn)",
        note="Exact publication date not shown (reply written after a 7月25日 call, 2024; research).",
    ),
    Src(
        "http://gxj.gz.gov.cn/yw/zchb/zcwj/cyzc/content/post_7853148.html",
        "gxj-gz-2021-10-22",
        "[广州市软件和信创产业链高质量发展三年行动计划(2021-2023年)]",
        "广州市工业和信息化局 (gxj.gz.gov.cn)",
    ),
    Src(
        "http://gxj.sz.gov.cn/xxgk/xxgkml/qt/tzgg/content/post_9861024.html",
        "gxj-sz-2022-software-plan",
        "[深圳市培育发展软件与信息服务产业集群行动计划(2022-2025年)]",
        "深圳市工业和信息化局 (gxj.sz.gov.cn)",
        note="The plan's 2025 target section was not in the stored excerpt (research).",
    ),
    Src(
        "http://www.tj-wxkj.com/posts/9205.html",
        "tj-wxkj-2024",
        "[东莞市软件与信息服务产业集群培育发展行动计划(2024-2025年)(修订稿) (转载)]",
        "tj-wxkj.com (repost)",
        mirror_of="plan text of 东莞市软件与信息服务产业集群培育发展行动计划(2024-2025年)(修订稿)",
    ),
    Src(
        "http://xy178.com/tuijian/20210510/99973.html",
        "xy178-2021-05-10",
        "[中国新闻社:2021世界超高清视频产业发展大会 省长马兴瑞致辞 (转载)]",
        "xy178.com (repost)",
        mirror_of="中国新闻社",
    ),
    Src(
        "http://env.022net.com/xinwen/2023/0510/71814.html",
        "022net-2023-05-10",
        "[南方日报:广东超高清视频产业报道 (转载)]",
        "env.022net.com (repost)",
        mirror_of="南方日报",
    ),
    Src(
        "http://en.people.cn/n3/2023/0515/c90000-20018354.html",
        "people-en-2023-05-15",
        "[Xinhua: China's ultra-high-definition video industry (People's Daily Online)]",
        "People's Daily Online (en.people.cn), Xinhua story citing CCID",
        language="en",
    ),
    Src(
        "https://www.itiger.com/hans/news/1118288859",
        "itiger-2025-12-24",
        "[Deep News: Guangdong's UHD video and advanced display industry (English translation)]",
        "Tiger Brokers (itiger.com)",
        language="en",
        mirror_of="Deep News (深度新闻) article, English translation",
    ),
    Src(
        "http://big5.cri.cn/gate/big5/gd.cri.cn/20201102/be7442f2-1e74-aeb3-8c9b-fa50c8a183ee.html",
        "cri-2020-11-02",
        "[國際在線:廣州超高清視頻產業報道]",
        "国际在线 (CRI, gd.cri.cn via big5 gateway)",
    ),
    Src(
        "http://gxj.gz.gov.cn/zt/zdzt/szjj/gzqk/content/post_9201793.html",
        "gxj-gz-2023-09",
        "[广州市工业和信息化局:广州超高清视频与新型显示产业情况]",
        "广州市工业和信息化局 (gxj.gz.gov.cn)",
    ),
    Src(
        "https://m.gdzrlj.com/article/19618-71-0.html",
        "gdzrlj-guangzhou-uhd-plan",
        "[广州市超高清视频产业发展行动计划(2021-2023年) (转载)]",
        "m.gdzrlj.com (repost)",
        mirror_of="广州市工业和信息化局 plan text (广州市超高清视频产业发展行动计划(2021-2023年))",
        published="2026",
        note=CONSULTED,
    ),
]


# ----------------------------------------------------------------------------------------------------------
# Metric definitions: research 'other:<name>' metrics get a tidy id (METRIC_IDS) and a definition here. A
# growth row of a metric is '<metric>_growth_pct' (unit pct, family growth).
# ----------------------------------------------------------------------------------------------------------

METRIC_IDS = {  # research metric -> metric id (research 'other:' names tidied; known metrics unchanged)
    "other:gross_output_agri_forestry_husbandry_fishery": "gross_output_agriculture_forestry_husbandry_fishery",
    "other:clusters_10bn_class_count": "clusters_10bn_level_count",
    "other:blockchain_enterprises_count": "registered_blockchain_enterprises_count",
    "other:above_scale_enterprises": "above_scale_enterprises_count",
    "other:new_over_500bn_emerging_clusters_count": "added_over_500bn_emerging_clusters_count",
    "other:firms_mbi_over_10bn_count": "backbone_enterprises_mbi_over_10bn_count",
    "other:firms_mbi_over_100bn_count": "backbone_enterprises_mbi_over_100bn_count",
    "other:3d_printing_equipment_output_growth": "three_d_printing_equipment_output",
    "other:furniture_manufacturing_output": "furniture_manufacturing_output_value",
    "other:software_info_service_revenue_firms_over_100m": "software_revenue_of_firms_over_100m",
    "other:ic_output_volume": "integrated_circuit_output",
    "other:gdp_growth_pct": "gdp",
}

D = tuple  # (metric, unit, label_en, label_zh, family, description)
NEW_METRIC_DEFINITIONS = [
    D(
        (
            "green_steel_output_value",
            "bn_yuan",
            "Green steel industry output value",
            "绿色钢铁产业年产值",
            "output",
            "Annual output value of a green steel industry (a segment of advanced materials), billion yuan.",
        )
    ),
    D(
        (
            "steel_cluster_output_value",
            "bn_yuan",
            "Steel cluster output value",
            "钢铁产业集群产值",
            "output",
            "Output value of a local steel industry cluster (a segment of advanced materials), billion yuan.",
        )
    ),
    D(
        (
            "gross_output_agriculture_forestry_husbandry_fishery",
            "bn_yuan",
            "Gross output of agriculture, forestry, animal husbandry and fishery",
            "农林牧渔业总产值",
            "output",
            "Gross output value of the primary sector (农林牧渔业), billion yuan: context for the agriculture half of "
            "the modern agriculture and food cluster, not the cluster's own measure.",
        )
    ),
    D(
        (
            "gross_output_agriculture_forestry_husbandry_fishery_growth_pct",
            "pct",
            "Gross output of agriculture, forestry, animal husbandry and fishery, growth year on year",
            "农林牧渔业总产值同比增长",
            "growth",
            "Year-on-year growth of the primary sector's gross output, percent.",
        )
    ),
    D(
        (
            "above_scale_food_industry_scale",
            "bn_yuan",
            "Food industry scale (above designated size)",
            "规上食品工业规模",
            "output",
            "Scale of the food industry above designated size, billion yuan; the measure is not specified.",
        )
    ),
    D(
        (
            "agri_subclusters_100bn_level_count",
            "count",
            "Modern agriculture sub-clusters at the 100-billion-yuan level",
            "千亿元级现代农业产业集群数",
            "count",
            "Number of modern agriculture industry clusters of the 100-billion-yuan class (千亿元级).",
        )
    ),
    D(
        (
            "agri_subclusters_10bn_level_count",
            "count",
            "Modern agriculture sub-clusters at the 10-billion-yuan level",
            "百亿元级现代农业产业集群数",
            "count",
            "Number of modern agriculture industry clusters of the 10-billion-yuan class (百亿元级).",
        )
    ),
    D(
        (
            "clusters_500bn_to_1tn_count",
            "count",
            "Clusters at the 500-billion to 1-trillion-yuan level",
            "五千亿(至万亿)元级产业集群数",
            "count",
            "Number of clusters of the 500-billion-yuan class (五千亿级, below the trillion class), as the source "
            "counts them.",
        )
    ),
    D(
        (
            "clusters_100bn_to_500bn_count",
            "count",
            "Clusters at the 100- to 500-billion-yuan level",
            "一千亿至五千亿元级产业集群数",
            "count",
            "Number of clusters between 100 and 500 billion yuan a year.",
        )
    ),
    D(
        (
            "clusters_10bn_level_count",
            "count",
            "Clusters at the 10-billion-yuan level",
            "百亿元级产业集群数",
            "count",
            "Number of clusters of the 10-billion-yuan class (百亿元级).",
        )
    ),
    D(
        (
            "traditional_trillion_clusters_count",
            "count",
            "Trillion-yuan clusters among traditional advantage industries",
            "传统优势产业万亿级产业集群数",
            "count",
            "Number of trillion-yuan clusters that a source counts among the 'traditional advantage' industries only "
            "(not all strategic clusters).",
        )
    ),
    D(
        (
            "clusters_100bn_level_count",
            "count",
            "Clusters at the 100-billion-yuan level",
            "千亿级产业集群数",
            "count",
            "Number of clusters of the 100-billion-yuan class (千亿级), as the source counts them.",
        )
    ),
    D(
        (
            "clusters_output_over_100bn_count",
            "count",
            "Clusters with output over 100 billion yuan",
            "产值破千亿的产业集群数",
            "count",
            "Number of clusters whose output value exceeds 100 billion yuan.",
        )
    ),
    D(
        (
            "industry_chains_output_over_50bn_count",
            "count",
            "Industry chains with output over 50 billion yuan",
            "产值超500亿元的产业链数",
            "count",
            "Number of key industry chains whose output value exceeds 50 billion yuan.",
        )
    ),
    D(
        (
            "national_advanced_manufacturing_clusters_count",
            "count",
            "National advanced manufacturing clusters",
            "国家级先进制造业集群数",
            "count",
            "Number of clusters selected as national advanced manufacturing clusters (MIIT list) involving the place.",
        )
    ),
    D(
        (
            "equipment_manufacturing_cluster_output_value",
            "bn_yuan",
            "Equipment manufacturing cluster output value",
            "装备制造产业集群产值",
            "output",
            "Output value of a city's own equipment manufacturing cluster, billion yuan.",
        )
    ),
    D(
        (
            "pan_home_furnishing_output_value",
            "bn_yuan",
            "Pan-home-furnishing industry gross output value",
            "泛家居产业工业总产值",
            "output",
            "Gross industrial output value of a city's pan-home-furnishing (泛家居) industry, billion yuan.",
        )
    ),
    D(
        (
            "electrical_machinery_output_value",
            "bn_yuan",
            "Electrical machinery and equipment manufacturing output value",
            "电气机械及设备制造业产值",
            "output",
            "Output value of electrical machinery and equipment manufacturing, billion yuan.",
        )
    ),
    D(
        (
            "vehicle_manufacturing_added_value",
            "bn_yuan",
            "Complete-vehicle manufacturing added value",
            "汽车整车制造增加值",
            "added_value",
            "Added value of complete-vehicle manufacturing (汽车整车制造), a sub-sector of the automobile "
            "industry, billion yuan.",
        )
    ),
    D(
        (
            "vehicle_manufacturing_added_value_growth_pct",
            "pct",
            "Complete-vehicle manufacturing added value growth, year on year",
            "汽车整车制造增加值同比增长",
            "growth",
            "Year-on-year growth of complete-vehicle manufacturing added value, percent.",
        )
    ),
    D(
        (
            "vehicle_output_growth_pct",
            "pct",
            "Vehicle output growth, year on year",
            "汽车产量同比增长",
            "growth",
            "Year-on-year growth of vehicle output, percent.",
        )
    ),
    D(
        (
            "nev_output_growth_pct",
            "pct",
            "New-energy vehicle output growth, year on year",
            "新能源汽车产量同比增长",
            "growth",
            "Year-on-year growth of new-energy vehicle output, percent.",
        )
    ),
    D(
        (
            "public_charging_stations",
            "10k_units",
            "Public charging stations (stock)",
            "公共充电桩保有量",
            "physical",
            "Stock of public charging stations/points, in 10,000 units. Not the same count as nev_public_chargers "
            "(the 2023-2025 plan's 公用充电桩): the definitions differ; do not compare the two.",
        )
    ),
    D(
        (
            "nev_share_of_vehicle_output_pct",
            "pct",
            "NEV share of vehicle output",
            "新能源汽车产量占汽车总产量比重",
            "share",
            "New-energy vehicles as a percentage of the province's vehicle output.",
        )
    ),
    D(
        (
            "output_value_growth_pct",
            "pct",
            "Output value growth, year on year",
            "产值同比增长",
            "growth",
            "Year-on-year growth of output value, percent.",
        )
    ),
    D(
        (
            "vehicle_capacity",
            "10k_units",
            "Vehicle production capacity",
            "汽车总产能",
            "capacity",
            "Vehicle production capacity, in 10,000 vehicles a year (万辆).",
        )
    ),
    D(
        (
            "above_scale_pharma_industry_scale",
            "bn_yuan",
            "Pharmaceutical industry scale (above designated size)",
            "规上医药工业规模",
            "output",
            "Scale of the pharmaceutical manufacturing industry above designated size, billion yuan.",
        )
    ),
    D(
        (
            "registered_blockchain_enterprises_count",
            "count",
            "Registered blockchain-related enterprises",
            "区块链相关企业注册数量",
            "count",
            "Number of registered enterprises related to blockchain, as the source "
            "counts them (registration records, not the cluster's enterprise list).",
        )
    ),
    D(
        (
            "above_scale_enterprises_count",
            "count",
            "Enterprises above designated size",
            "规模以上企业数",
            "count",
            "Number of enterprises above designated size in the scope.",
        )
    ),
    D(
        (
            "communication_equipment_output_value",
            "bn_yuan",
            "Communication equipment manufacturing gross output value",
            "通信设备制造业工业总产值",
            "output",
            "Gross industrial output value of communication equipment "
            "manufacturing (a sub-sector of electronic information), billion yuan.",
        )
    ),
    D(
        (
            "communication_equipment_output_value_growth_pct",
            "pct",
            "Communication equipment manufacturing output growth, year on year",
            "通信设备制造业工业总产值同比增长",
            "growth",
            "Year-on-year growth of communication equipment manufacturing output value, percent.",
        )
    ),
    D(
        (
            "communication_equipment_added_value",
            "bn_yuan",
            "Communication equipment manufacturing added value",
            "通信设备制造业增加值",
            "added_value",
            "Added value of communication equipment manufacturing, billion yuan.",
        )
    ),
    D(
        (
            "communication_equipment_added_value_growth_pct",
            "pct",
            "Communication equipment manufacturing added value growth, year on year",
            "通信设备制造业增加值同比增长",
            "growth",
            "Year-on-year growth of communication equipment manufacturing added value, percent.",
        )
    ),
    D(("total_profit", "bn_yuan", "Total profit", "利润总额", "profit", "Total profit, billion yuan.")),
    D(
        (
            "total_profit_growth_pct",
            "pct",
            "Total profit growth, year on year",
            "利润同比增长",
            "growth",
            "Year-on-year growth of total profit, percent.",
        )
    ),
    D(
        (
            "deep_processing_share_pct",
            "pct",
            "Share of deep-processed refining and chemical products",
            "炼化深加工产品占比",
            "share",
            "Deep-processed refining and chemical products as a percentage of output.",
        )
    ),
    D(
        (
            "rd_intensity_large_firms_pct",
            "pct",
            "R&D intensity of large enterprises",
            "研发投入强度(大型企业)",
            "share",
            "R&D spending of the sector's large enterprises as a percentage of the base the source gives (the French "
            "text says 'investissements'; the Chinese base, presumably operating revenue, is unverified).",
        )
    ),
    D(
        (
            "high_end_polyolefin_capacity",
            "10k_tonnes_per_year",
            "High-end polyolefin capacity (10,000 t/yr)",
            "高端聚烯烃年生产能力(万吨/年)",
            "capacity",
            "High-end polyolefin production capacity in 10,000 tonnes a year (万吨/年).",
        )
    ),
    D(
        (
            "three_d_printing_equipment_output_growth_pct",
            "pct",
            "3D printing equipment output growth, year on year",
            "3D打印设备产量同比增长",
            "growth",
            "Year-on-year growth of the number of 3D printing equipment units produced, percent.",
        )
    ),
    D(
        (
            "industry_scale_growth_pct",
            "pct",
            "Industry scale growth, year on year",
            "产业规模同比增长",
            "growth",
            "Year-on-year growth of industry scale, percent.",
        )
    ),
    D(
        (
            "textile_apparel_revenue",
            "bn_yuan",
            "Textile and apparel industry revenue",
            "纺织和服装产业营收",
            "revenue",
            "Revenue (营收) of the textile and apparel industry, a segment of modern light industry and textiles, "
            "billion yuan.",
        )
    ),
    D(
        (
            "furniture_manufacturing_output_value",
            "bn_yuan",
            "Furniture manufacturing output value",
            "家具制造业产值",
            "output",
            "Output value of furniture manufacturing, billion yuan.",
        )
    ),
    D(
        (
            "furniture_manufacturing_output_value_growth_pct",
            "pct",
            "Furniture manufacturing output growth, year on year",
            "家具制造业产值同比增长",
            "growth",
            "Year-on-year growth of furniture manufacturing output, percent.",
        )
    ),
    D(
        (
            "new_energy_storage_operating_revenue",
            "bn_yuan",
            "New-type energy storage industry operating revenue",
            "新型储能产业营业收入",
            "revenue",
            "Operating revenue of the new-type energy storage industry (新型储能), a "
            "segment of new energy, billion yuan.",
        )
    ),
    D(
        (
            "new_energy_storage_cluster_scale",
            "bn_yuan",
            "New-type energy storage cluster scale (size class)",
            "新型储能产业集群规模(级)",
            "output",
            "Size class of a new-type energy storage cluster (e.g. 三千亿级), billion yuan; the measure is not stated.",
        )
    ),
    D(
        (
            "ai_core_industry_scale",
            "bn_yuan",
            "Artificial intelligence core industry scale",
            "人工智能核心产业规模",
            "output",
            "Scale of the artificial intelligence core industry (a future-industry measure), billion yuan.",
        )
    ),
    D(
        (
            "new_tracks_over_1tn_count",
            "count",
            "New tracks with a scale over 1 trillion yuan",
            "规模超万亿元的新赛道数",
            "count",
            "Number of new tracks (新赛道) with a scale of over one trillion yuan.",
        )
    ),
    D(
        (
            "new_tracks_over_500bn_count",
            "count",
            "New tracks with a scale over 500 billion yuan",
            "规模超五千亿元的新赛道数",
            "count",
            "Number of new tracks (新赛道) with a scale of over 500 billion yuan.",
        )
    ),
    D(
        (
            "new_tracks_over_100bn_count",
            "count",
            "New tracks with a scale over 100 billion yuan",
            "规模超千亿元的新赛道数",
            "count",
            "Number of new tracks (新赛道) with a scale of over 100 billion yuan.",
        )
    ),
    D(
        (
            "integrated_circuit_output_growth_pct",
            "pct",
            "Integrated circuit output growth, year on year",
            "集成电路产量同比增长",
            "growth",
            "Year-on-year growth of the number of integrated circuits produced, "
            "percent (physical output, not revenue).",
        )
    ),
    D(
        (
            "home_appliance_exports",
            "bn_yuan",
            "Household appliance exports",
            "家用电器出口总值",
            "trade",
            "Value of household appliance exports (customs statistics), billion yuan; exports, not cluster revenue.",
        )
    ),
    D(
        (
            "home_appliance_exports_growth_pct",
            "pct",
            "Household appliance exports growth, year on year",
            "家用电器出口同比增长",
            "growth",
            "Year-on-year growth of household appliance exports, percent.",
        )
    ),
    D(
        (
            "air_conditioner_output",
            "10k_units",
            "Air conditioner output",
            "空调产量",
            "physical",
            "Air conditioners produced, in 10,000 units (万台).",
        )
    ),
    D(
        (
            "industrial_robot_output_growth_pct",
            "pct",
            "Industrial robot output growth, year on year",
            "工业机器人产量同比增长",
            "growth",
            "Year-on-year growth of industrial robot output, percent.",
        )
    ),
    D(
        (
            "service_robot_revenue",
            "bn_yuan",
            "Service robot revenue",
            "服务机器人营业收入",
            "revenue",
            "Revenue from service robots, billion yuan.",
        )
    ),
    D(
        (
            "uav_unmanned_boat_revenue",
            "bn_yuan",
            "UAV and unmanned boat revenue",
            "无人机和无人船营业收入",
            "revenue",
            "Revenue of UAV and unmanned boat makers, billion yuan.",
        )
    ),
    D(
        (
            "related_industry_revenue",
            "bn_yuan",
            "Revenue of related industries driven by the cluster",
            "带动相关产业营业收入",
            "revenue",
            "Operating revenue of the related industries that a cluster drives (as "
            "the source counts them), billion yuan; wider than the cluster itself.",
        )
    ),
    D(
        (
            "software_revenue_of_firms_over_100m",
            "bn_yuan",
            "Software and information service revenue of firms with revenue over 100 million yuan",
            "营收过亿元企业软件和信息服务收入",
            "revenue",
            "Software and information service revenue of the "
            "enterprises whose revenue exceeds 100 million yuan (a subset of all firms), billion yuan.",
        )
    ),
    D(
        (
            "software_revenue_of_firms_over_100m_growth_pct",
            "pct",
            "Software revenue of firms over 100 million yuan, growth year on year",
            "营收过亿元企业软件和信息服务收入同比增长",
            "growth",
            "Year-on-year growth of the software and information service revenue of firms over 100 million yuan.",
        )
    ),
]

# Existing definitions: audit fixes (field -> value).
METRIC_DEFINITION_FIXES = {
    "added_value_growth_gap_vs_gdp_pp": {"unit": "pp"},
    "refining_capacity": {
        "family": "capacity",
        "description": "Crude oil refining capacity in 10,000 tonnes a year (万吨/年).",
    },
    "ethylene_capacity": {
        "family": "capacity",
        "description": "Ethylene production capacity in 10,000 tonnes a year (万吨/年).",
    },
    "aromatics_capacity": {
        "family": "capacity",
        "description": "Aromatics production capacity in 10,000 tonnes a year (万吨/年).",
    },
    "trillion_clusters_count": {
        "label_en": "Clusters at the 1-trillion-yuan level",
        "label_zh": "万亿元级产业集群数",
        "description": "Number of clusters at the trillion-yuan level (万亿级 / 超万亿元: about or over 1 trillion "
        "yuan a year, measure as the source gives it). Province-wide rows count among the 20 "
        "clusters; a city row (adcode set) counts the city's own clusters.",
    },
    "share_of_gdp_pct": {
        "description": "Added value of the scope as a percentage of GDP: Guangdong's, or the "
        "city's for a row with adcode."
    },
}


# ----------------------------------------------------------------------------------------------------------
# Audit of existing sources (a): mirror_of / checked_against filled from the recorded notes; the tier follows
# tier_for(). None of the demoted reposts has a recorded check against another copy of the same text.
# ----------------------------------------------------------------------------------------------------------

SOURCE_AUDIT = {  # source_id -> (mirror_of, checked_against, reliability)
    "seed-instrument-2022": (
        "the Guangdong Provincial People's Government opinions on cultivating the strategic "
        "pillar and emerging industry clusters (粤府函〔2020〕82号), English text",
        "",
        "C",
    ),
    "hqtbz-smart-home-plan-2020": (
        "gd.gov.cn post_3097823 (the smart home appliances cluster action plan 2021-2025, 粤工信消费〔2020〕121号)",
        "",
        "C",
    ),
    "chinadaily-2022-09-01": ("China Daily article of 2022-09-01", "", "C"),
    "gdii-auto-plan-2020-mirror": (
        "gdii.gd.gov.cn post_3096938 (the automobile cluster action plan 2021-2025)",
        "",
        "C",
    ),
    "baixuncn-auto-plan-2023": ("能源界网 summary of the automobile cluster action plan 2023-2025", "", "C"),
    "pangyixiu-petrochem-plan": (
        "an unidentified summary of the green petrochemicals cluster action plan 2021-2025",
        "",
        "C",
    ),
    "kcqsx-zhongshan-2020-10": ("Zhongshan local news", "", "C"),
    "cngma-light-textile-plan": ("the modern light industry and textiles cluster action plan 2021-2025 text", "", "C"),
    "nercapps-software-plan-2023": (
        "the software and information services cluster action plan 2023-2025 text (粤工信信软〔2023〕8号)",
        "",
        "C",
    ),
    "reporthb-2025-02-11": ("中商产业研究院 report", "", "C"),
    "lcdghf-13875": ("an unidentified summary of Guangdong cluster plan targets (转载)", "", "C"),
    "skjcsc-2021-08-12": ("coverage of the 14th Five-Year manufacturing plan (转载)", "", "C"),
    "darkml-zhanjiang-frontier": ("the Zhanjiang frontier new materials cluster implementation plan", "", "C"),
    "a899-new-energy-2024": ("coverage of 《广东省现代化产业体系发展报告(2023—2024)》", "", "C"),
    "yktchina-2022-04-13": ("上海证券报 article of 2022-04-13", "", "C"),
    "gdlaser-plan": ("the laser and additive manufacturing cluster action plan 2021-2025 text", "", "C"),
    "gdii-digital-2023-mirror": (
        "gdii.gd.gov.cn post_4340792 (policy interpretation of the digital creativity cluster action plan 2023-2025)",
        "",
        "C",
    ),
    "rogallo-safety-2023": (
        "a summary of the safety, emergency and environmental protection cluster action plan 2023-2025",
        "",
        "C",
    ),
    "wybstv-2021-07-27": (
        "coverage of the provincial industry department's Q2 2021 press conference (2021-07-26)",
        "",
        "C",
    ),
    "zt1388-2023-06-01": ("证券时报网", "", "C"),
    "chinacom-2019-04-17": ("第一财经 article of 2019-04-17", "", "C"),
    "ladyspots-gdgov-2023-04-19": (
        "gd.gov.cn post_4156971 (a 南方日报 article of 2023-04-19 on the provincial government site)",
        "",
        "C",
    ),
    "kcqsx-ycwb-2019-01": ("羊城晚报 article of January 2019", "", "C"),
    "zhsme-blockchain-plan-2024": ("the blockchain cluster action plan 2023-2025 text (粤科高字〔2024〕18号)", "", "C"),
}
# Notes that stated the old tier: rewritten (the DEMOTED sentence is then added as for the others).
SOURCE_NOTE_FIXES = {
    "seed-instrument-2022": (
        "Seed document. English text of the Guangdong Provincial People's Government opinions on cultivating and "
        "developing the strategic pillar and strategic emerging industry clusters (2020; doc. no. 粤府函〔2020〕82号 "
        "per hqtbz-smart-home-plan-2020; published on the provincial government site on 20 May 2020 per "
        "southcn-2020-05-21), reposted by an industry site: an industry repost of an official text, not the "
        "official page. No URL recorded."
    ),
    "nercapps-software-plan-2023": (
        'Research tier "A-" (plan text on a non-government site), B until the 2026-12 audit. Year from the '
        "document number."
    ),
    "gdlaser-plan": (
        "Industry-association repost of the official plan (tier B until the 2026-12 audit). Page date not "
        "recorded in the research notes; published gives the month the 2021-2025 cluster plans were issued "
        "(Sept 2020)."
    ),
    "kcqsx-ycwb-2019-01": (
        "Used in regions.csv basis: it names Shantou and Zhanjiang as 省域副中心城市 (provincial sub-centre "
        "cities) in a sentence on the east and west wings of the coastal economic belt."
    ),
    "zhsme-blockchain-plan-2024": (
        'Research tier "A- (plan repost)", B until the 2026-12 audit. Lead department: 省科学技术厅. The '
        "2023-2025 plan renames the cluster to blockchain only."
    ),
}
# Sources whose tier this audit lowers: their note gets DEMOTED (once).
DEMOTED_SOURCES = (
    "seed-instrument-2022",
    "hqtbz-smart-home-plan-2020",
    "chinadaily-2022-09-01",
    "gdii-auto-plan-2020-mirror",
    "nercapps-software-plan-2023",
    "yktchina-2022-04-13",
    "gdlaser-plan",
    "gdii-digital-2023-mirror",
    "chinacom-2019-04-17",
    "kcqsx-ycwb-2019-01",
    "zhsme-blockchain-plan-2024",
)


# ----------------------------------------------------------------------------------------------------------
# Audit of existing metrics, targets and regions: key -> fields to set (values as they must end up).
# ----------------------------------------------------------------------------------------------------------


def mkey(scope, metric, period, source_id, adcode=""):
    return (scope, metric, period, adcode, source_id)


AUTO_CAVEAT = (
    "Caveat: the quote names no cluster; the fuller sentence of the same article (recorded on the "
    "vehicle_manufacturing_added_value row, 2021H1) reads '今年以来,广东汽车产业持续回暖,上半年实现增加值"
    "903.88亿元,同比增长24.2%', i.e. Guangdong's automobile industry (汽车产业), not the cluster by name. "
    "The research notes attribute it to the automobile cluster."
)

METRIC_FIXES = {  # old key -> fields (a new period changes the key: the fix is then found done)
    mkey("pillar_10", "added_value_growth_gap_vs_gdp_pp", "2021H1", "southcn-2021-08-18"): {"unit": "pp"},
    mkey("all_20", "trillion_clusters_count", "2022", "nfapp-2022-12-15"): {
        "period": "2021",
        "note": "Published 2022-12-15 with no data year: a count published in December 2022 describes 2021 or "
        "earlier full-year data, so 2021 (2026-12 audit; was 2022, the publication year). Compare "
        "sqcfn-2023-01-12: 8 existing trillion-yuan clusters in the January 2023 work report.",
    },
    mkey("all_20", "trillion_clusters_count", "2022", "chinadaily-2022-09-01"): {
        "period": "2021",
        "note": "Published 2022-09-01 with no data year: a count published in September 2022 describes 2021 or "
        "earlier full-year data, so 2021 (2026-12 audit; was 2022, the publication year). Compare "
        "sqcfn-2023-01-12: 8 existing trillion-yuan clusters in the January 2023 work report.",
    },
    mkey("manufacturing", "manufacturing_categories_present_count", "2023", "seed-news-2023-12"): {
        "period": "2022",
        "note": "All 31 manufacturing categories. No year in the sentence; published 2023-12-05, so it describes "
        "2022 or earlier full-year data: period 2022 is our reading (2026-12 audit; was 2023, the "
        "publication year).",
    },
    mkey("manufacturing", "manufacturing_categories_ranking_first_count", "2023", "seed-news-2023-12"): {
        "period": "2022",
        "note": "No year in the sentence; published 2023-12-05, so it describes 2022 or earlier full-year data: "
        "period 2022 is our reading (2026-12 audit; was 2023, the publication year).",
    },
    mkey("manufacturing", "share_of_national_industrial_scale_pct", "2023", "seed-news-2023-12"): {
        "period": "2022",
        "note": 'The source says "about 1/8" (= 12.5 percent) of the country\'s industrial scale. No year in the '
        "sentence; published 2023-12-05, so it describes 2022 or earlier full-year data: period 2022 is "
        "our reading (2026-12 audit; was 2023, the publication year).",
    },
    mkey("automobiles", "added_value", "2021H1", "southcn-2021-08-18"): {"note": AUTO_CAVEAT},
    mkey("automobiles", "added_value_growth_pct", "2021H1", "southcn-2021-08-18"): {"note": AUTO_CAVEAT},
    mkey("all_20", "trillion_clusters_count", "2023", "qq-2025-03-06"): {
        "note": "Automobiles became the eighth trillion-yuan cluster in 2023. CONFLICT: tibet-2023-01-13 (南方日报) "
        "says the car industry first passed 1 trillion yuan of operating revenue in 2022, and the January "
        "2023 work report (sqcfn-2023-01-12) already counts 8 existing trillion-yuan clusters (period "
        "2022), which would make 2022 the year of the eighth."
    },
    mkey("laser_additive", "main_business_income", "2019", "gdlaser-plan"): {
        "note": "CONFLICT: oeeee-2021-01-15 (南方都市报, quoting a deputy head of the provincial Department of "
        "Science and Technology) gives 2019 '相关企业营收超900亿元' and a '900亿的产业规模'; the scopes "
        "may differ. The research notes that this repost is dated 2020-05-15, before the plans' official "
        "release on 2020-09-28, so it may reproduce a draft."
    },
    mkey("biomedicine_health", "operating_revenue", "2024", "reporthb-2025-02-11"): {
        "note": "Tier C; kept because the 2021-2025 plan target uses the same measure. CONFLICT: trlz-2024-10-09 "
        "(科技日报) gives 2023 营收 6638亿元, which cannot sit between 2022 (4112.83亿元, iboding-2023-02-17) "
        "and this 2024 figure on one measure; it probably uses a wider scope."
    },
}
METRIC_DEFINITIONS_OF_EXISTING = {  # key -> definition (all other existing rows: standard)
    mkey("digital_creativity", "games_operating_revenue", "2019", "ce-2020-10-10"): "segment",
    mkey("digital_creativity", "games_share_of_national_pct", "2019", "ce-2020-10-10"): "segment",
    mkey("digital_creativity", "animation_operating_revenue", "2019", "ce-2020-10-10"): "segment",
    mkey("digital_creativity", "animation_share_of_national_pct", "2019", "ce-2020-10-10"): "segment",
    mkey(
        "safety_emergency_environmental", "safety_emergency_industry_scale", "2019", "gdii-safety-plan-2020"
    ): "segment",
    mkey(
        "safety_emergency_environmental", "energy_saving_env_industry_scale", "2019", "gdii-safety-plan-2020"
    ): "segment",
    mkey("laser_additive", "downstream_main_business_income", "2019", "gdlaser-plan"): "wider",
    mkey(
        "blockchain_quantum", "patent_applications_share_of_national_pct", "2023", "zhsme-blockchain-plan-2024"
    ): "segment",
    mkey("blockchain_quantum", "blockchain_service_filings_count", "2023", "zhsme-blockchain-plan-2024"): "segment",
}

# Audit (f): plan instructions held as observed counts leave metrics.csv for statements.csv.
METRICS_MOVED_OUT = [
    mkey("new_materials_bases_2016_2020", "state_level_material_bases_count", "2019", "seed-gd-investment-2019"),
    mkey("new_materials_bases_2016_2020", "provincial_level_material_bases_count", "2019", "seed-gd-investment-2019"),
]

TARGET_FIXES = {  # target_id -> fields
    "new-trillion-clusters-2027": {
        "target_value": "3",
        "target_value_max": "4",
        "comparator": "between",
        "note": "Range 3-4 new trillion-yuan clusters (in UHD video display, new energy, biomedicine and health, "
        "digital creativity), kept as a range (2026-12 audit: the lower end alone was recorded before). "
        "UNVERIFIED year: the quote gives none; 2027 is our reading of the opinion's horizon.",
    },
    "new-500bn-emerging-clusters-2027": {
        "target_value": "4",
        "target_value_max": "5",
        "comparator": "between",
        "note": "Range 4-5 new emerging clusters above 500 billion yuan (semiconductors, high-end equipment, "
        "cutting-edge new materials, safety/emergency/environmental, precision instruments), kept as a "
        "range (2026-12 audit: the lower end alone was recorded before). UNVERIFIED year: the quote gives "
        "none; 2027 is our reading of the opinion's horizon. A later statement (97359-2024-11-26, not a "
        "plan) restates the goal as 3-5 such clusters within 3-5 years.",
    },
    "semis-chip-design-scale-2025": {
        "comparator": "size_class",
        "note": '"200-billion-level" chip design cluster centred on Guangzhou, Shenzhen and Zhuhai: a size class '
        "(200-billion-yuan level), not a floor (2026-12 audit; was at_least 200). The source names no "
        "measure (revenue, output or other). Year from the opinion's 2025 horizon.",
    },
}
TARGET_DEFINITIONS_OF_EXISTING = {  # target_id -> definition (all other existing targets: standard)
    "foshan-advanced-materials-mbi-2025": "segment",
    "semis-chip-design-scale-2025": "segment",
    "auto-parts-revenue-2025": "segment",
    "zhongshan-advanced-materials-mbi-2025": "segment",
    "zhanjiang-frontier-materials-revenue-2025": "city_own",
    "new-energy-revenue-2025": "other_plan",
}

# Supersession: target -> the target a later plan set in its place (same scope and adcode).
SUPERSEDED_BY = {
    "new-energy-revenue-2025": "new-energy-revenue-2025-energy-plan-2023",
    "biomedicine-revenue-2025": "biomedicine-scale-2027",
    "smart-robots-revenue-growth-2025-draft": "smart-robots-revenue-2025-rev",
    "smart-robots-industrial-output-2025-draft": "smart-robots-industrial-output-2025-rev",
    "smart-robots-industrial-output-growth-2025-draft": "smart-robots-industrial-output-2025-rev",
    "green-petrochem-refining-capacity-2025": "green-petrochem-refining-capacity-2025-szgov",
    "green-petrochem-ethylene-capacity-2025": "green-petrochem-ethylene-capacity-2025-szgov",
    "green-petrochem-aromatics-capacity-2025": "green-petrochem-aromatics-capacity-2025-szgov",
    "green-petrochem-scale-2025": "green-petrochem-scale-2025-szgov",
    "green-petrochem-added-value-2025": "green-petrochem-added-value-2025-szgov",
    "green-petrochem-firms-over-10bn-2025": "green-petrochem-firms-over-10bn-2025-szgov",
    "green-petrochem-firms-over-100bn-2025": "green-petrochem-firms-over-100bn-2025-szgov",
    "green-petrochem-profit-2025": "green-petrochem-profit-2025-szgov",
    "green-petrochem-deep-processing-share-2025": "green-petrochem-deep-processing-share-2025-szgov",
    "foshan-advanced-materials-mbi-2025": "foshan-advanced-materials-mbi-2025-rev",
    "shenzhen-sei-added-value-2025": "shenzhen-sei-added-value-2025-rev",
    "dongguan-robot-related-revenue-2025": "dongguan-robot-related-revenue-2027",
}

# Audit (h): roles and bases in the source's own words.
CLUSTER_REGION_FIXES = {
    ("uhd_video_display", "pearl_river_delta", "seed-instrument-2022"): {
        "role": "base",
        "role_detail": 'differentiated but closely coordinated development "in the core Pearl River Delta area"',
    },
    ("safety_emergency_environmental", "pearl_river_delta", "seed-instrument-2022"): {
        "role": "base",
        "role_detail": '"industrial agglomeration belt centered on technology R&D and headquarters bases"',
    },
}
REGION_FIXES = {
    ("coastal_economic_belt",): {
        "basis": "Our reading: the east wing (Shantou, Shanwei, Chaozhou, Jieyang) and west wing (Zhanjiang, "
        "Maoming, Yangjiang) of cities.csv. The source cited, kcqsx-ycwb-2019-01, says "
        '"支持东西两翼沿海经济带建设。建设好汕头、湛江2个省域副中心城市" (support building the coastal '
        "economic belt of the east and west wings; build Shantou and Zhanjiang into the two provincial "
        "sub-centre cities); it does not list the wing cities. Officially the belt also takes in the PRD's "
        "coastal cities; they are not listed here, so that each city has one group."
    },
}

# Audit (b): the all-20 2021H1 figures. The research holds the sentence verbatim only from the wybstv repost
# (shared/research/cluster-figures.md §4, row '2021 H1 | all 20'), not from southcn-2021-08-18.
ALL20_2021H1_QUOTE = (
    "全省十大战略性支柱产业和十大战略性新兴产业共有企业16.12万个,实现增加值2.22万亿元,"
    "占地区生产总值比重"
    "38.8%,增加值同比增长17.6%,增幅高于全省经济增速4.6个百分点。"
)
ALL20_2021H1_NOTE = (
    "Audit 2026-12 (b): the all-20 2021H1 figures. The verbatim sentence is held in the research "
    "(cluster-figures.md §4) only from this repost of the provincial industry department's Q2 "
    "2021 press conference, not from southcn-2021-08-18; tier C."
)
AUDIT_METRICS = [  # (metric, value, unit, qualifier, note suffix)
    ("added_value", "2220", "bn_yuan", "exact", ""),
    ("share_of_gdp_pct", "38.8", "pct", "exact", ""),
    ("added_value_growth_pct", "17.6", "pct", "exact", ""),
    ("enterprises_count", "161200", "count", "exact", " 16.12万个 = 161,200 enterprises."),
    (
        "added_value_growth_gap_vs_gdp_pp",
        "4.6",
        "pp",
        "exact",
        " '全省经济增速' (the province's economic growth) read as GDP growth: southcn-2021-08-18 gives 2021H1 GDP "
        "growth of 13%, and 17.6 - 13 = 4.6.",
    ),
]

AUDIT_STATEMENTS = [
    dict(
        statement_id="new-materials-bases-2016-2020-instruction",
        scope="new_materials_bases_2016_2020",
        adcode="",
        period="2016-2020",
        kind="plan_instruction",
        summary_en="The 2016-2020 plan's table of emerging industrial clusters instructs Guangdong to develop a "
        "national new-materials high-tech industrial base in Guangzhou, 15 state-level bases for "
        "distinctive materials (such as Foshan new materials, Zhongshan fine chemicals and Zhaoqing "
        "gold materials) and 32 provincial-level ones.",
        summary_zh="2016—2020年规划的新兴产业集群表提出:在广州建设国家新材料高新技术产业基地,发展15个国家级特色材料"
        "产业基地(如佛山新材料、中山精细化工、肇庆黄金材料)和32个省级特色材料产业基地。",
        source_id="seed-gd-investment-2019",
        quote="Develop National New and High-tech Industrial Base for New Material Industry in Guangzhou, 15 "
        "State-level Industrial Bases for Distinctive Materials including new materials from Foshan, fine "
        "chemicals from Zhongshan, and gold materials from Zhaoqing, and 32 Provincial-level Industrial "
        "Bases for Distinctive Materials.",
        note="Moved from metrics.csv by the 2026-12 audit (f): state_level_material_bases_count = 15 and "
        "provincial_level_material_bases_count = 32 (period 2019) were a plan instruction ('Develop …'), "
        "not observed counts. The sentence gives no year, so it is not recorded as a dated target.",
    ),
]


# ----------------------------------------------------------------------------------------------------------
# Per-row decisions for the research CSV (key: line number in figures-2026.csv, header = line 1).
#   M(...)  -> metrics.csv (plus a '<metric>_growth_pct' row when the research gives growth_pct)
#   T(...)  -> targets.csv (research growth_pct = target_annual_growth_pct)
#   S(...)  -> statements.csv (no number, or no year for a goal)
#   X(...)  -> left out, with the reason
# Defaults: metric = research metric (METRIC_IDS tidies 'other:' names); value = value_bn_yuan; qualifier =
# research qualifier; definition = standard; note = research note. Physical units are converted here, by hand,
# in value= (万辆/万台 -> 10k_units; million tonnes -> 10k_tonnes_per_year); never computed from shares.
# ----------------------------------------------------------------------------------------------------------


@dataclass
class Decision:
    kind: str  # metrics | targets | statements | skip
    line: int = 0
    metric: str | None = None
    definition: str = "standard"
    value: str | None = None
    value_max: str = ""
    qualifier: str | None = None
    comparator: str | None = None
    period: str | None = None
    year: str | None = None
    note: str | None = None
    add: str = ""
    growth_q: str = "exact"
    no_growth: str = ""  # why the research growth_pct is not recorded
    target_id: str = ""
    plan: str | None = None
    qualitative: bool = False
    statement_id: str = ""
    statement_kind: str = ""
    summary_en: str = ""
    summary_zh: str = ""
    reason: str = ""
    extra: list = field(default_factory=list)  # further (metric, period, value, qualifier, note) of the quote


def _renamed(kw: dict) -> dict:
    """Short keyword names of the table below: q = qualifier, cmp = comparator."""
    if "q" in kw:
        kw["qualifier"] = kw.pop("q")
    if "cmp" in kw:
        kw["comparator"] = kw.pop("cmp")
    return kw


def M(line, metric=None, d="standard", **kw):
    return Decision("metrics", line, metric=metric, definition=d, **_renamed(kw))


def T(line, tid, metric=None, d="standard", **kw):
    return Decision("targets", line, metric=metric, definition=d, target_id=tid, **_renamed(kw))


def S(line, sid, kind, en, zh, **kw):
    return Decision("statements", line, statement_id=sid, statement_kind=kind, summary_en=en, summary_zh=zh, **kw)


def X(line, reason):
    return Decision("skip", line, reason=reason)


NOT_IN_QUOTE = (
    "The research growth rate ({g}%) is not in the quoted sentence (it comes from another part of the "
    "page), so it is not recorded."
)
ROBOTS_PLAN = "Cluster action plan 2023-2025 (revised) (粤工信装备〔2023〕14号)"
SZGOV = "Cluster action plan 2023-2025 (revised)"
SZGOV_ADD = " A-tier (government site) source for the revised plan; the same target is also held from other sources."

ROWS = {
    d.line: d
    for d in [
        # --- advanced materials ------------------------------------------------------------------------------
        T(2, "shaoguan-green-steel-nonferrous-mbi-2025", d="segment"),
        T(
            3,
            "foshan-advanced-materials-mbi-2025-rev",
            d="segment",
            add=" Supersedes foshan-advanced-materials-mbi-2025 (same figure, kept by the revised plan).",
        ),
        M(4, "green_steel_output_value", d="segment"),
        T(
            5,
            "zhanjiang-etdz-steel-cluster-output-2025",
            "steel_cluster_output_value",
            d="segment",
            plan="Zhanjiang Economic and Technological Development Zone goal (as reported by Xinhua)",
        ),
        T(6, "yangjiang-alloy-building-materials-mbi-2025", d="segment"),
        T(7, "yunfu-stone-special-steel-mbi-2025", d="segment"),
        # --- agriculture and food ----------------------------------------------------------------------------
        M(8, d="segment"),
        M(9, d="segment"),
        M(10, d="segment"),
        M(11, d="segment"),
        T(
            12,
            "agri-100bn-level-subclusters-2025",
            "agri_subclusters_100bn_level_count",
            d="segment",
            value="10",
            note="Counts, not money: 10 sub-clusters of the 100-billion-yuan class (粮食、蔬菜、岭南水果、生猪、禽蛋、"
            "海洋渔业、淡水渔业、食用植物油、饲料、预制菜). The same sentence sets 20 of the 10-billion class (row "
            "agri-10bn-level-subclusters-2025).",
            extra=[
                (
                    "agri-10bn-level-subclusters-2025",
                    "agri_subclusters_10bn_level_count",
                    "20",
                    "Counts, not money: 20 sub-clusters of the 10-billion-yuan class (茶叶 etc.). The same plan aims for "
                    "more than 200 十亿元级 local clusters by 2027.",
                )
            ],
        ),
        T(
            13,
            "agriculture-food-trillion-level-2027",
            "industry_scale",
            cmp="size_class",
            note="'万亿元级' (trillion-yuan class) is a size class, not a floor; the measure is not specified. The "
            "2021-2025 cluster plan target (集群规模(总产值) 接近2万亿元 by 2025, agriculture-food-output-2025) is a "
            "different measure and year; not linked as a supersession.",
        ),
        T(
            14,
            "food-industry-output-2027",
            d="segment",
            no_growth=NOT_IN_QUOTE,
            note="Quote is the headline. The body text of the same page says '食品工业产值力争突破5万亿元,年均增长10%以上' "
            "- apparently a typo for 1.5万亿 (research). Food industry only "
            "(a segment of the cluster). Verify against the official 实施意见.",
        ),
        # --- all 20: counts, totals, verdicts ------------------------------------------------------------------
        M(
            15,
            value="8",
            note="Count 8 '现有' in the January 2023 work report, i.e. end-2022. CONFLICT: qq-2025-03-06 says "
            "automobiles became the 8th trillion-yuan cluster only in 2023 (and nfapp-2022-12-15 and "
            "chinadaily-2022-09-01, published in the second half of 2022, count 7, here dated 2021). Same text "
            "at leng.sqcfn.com/217098/chartweek.html and south.hz061.com (spam-injected reposts of a 中新网 "
            "story).",
        ),
        S(
            16,
            "all20-8372-tier-pattern-2023",
            "verdict",
            "After about three years of development, Guangdong's 20 strategic industrial clusters have gradually formed "
            "an '8372' tiered development pattern.",
            "经过约三年发展,广东20个战略性产业集群已逐步形成“8372”梯度发展格局。",
            period="2022",
            note="Decoded by 张虎 (cmyuxie-2024-06-11) as 8 clusters above 1 trillion yuan, 3 at 500 billion-1 trillion, "
            "7 at 100-500 billion and 2 at the 10-billion class. As of April 2023 this already gives 8 "
            "trillion-yuan clusters, which supports the January 2023 count of 8 and CONFLICTS with 'autos became "
            "the 8th in 2023' (qq-2025-03-06). Period 2022 is our reading ('目前', spring 2023).",
        ),
        S(
            17,
            "all20-midterm-evaluation-2023",
            "verdict",
            "The provincial industry department's mid-term evaluation of the '1+20' policy documents found the clusters "
            "leading nationally with strong global influence, growing steadily in scale, structure and innovation over "
            "nearly three years, and having basically met their stage targets.",
            "省工信厅对“1+20”政策文件的中期评估认为:广东战略性产业集群整体处于全国领先水平,具备较强的全球影响力,近三年"
            "规模、结构和创新能力稳中有进,基本实现阶段性发展目标。",
            period="2022",
            note="Official mid-term evaluation of the 2021-2025 programme (basis of the Dec-2023 revised 2023-2025 "
            "plans), reported May 2023 ('近三年'); period 2022 is the research's reading. No end-of-period (2025) "
            "evaluation of the cluster targets was found.",
        ),
        X(
            18,
            "Duplicate of line 19: same page (chinanews-repost-2024-01-20), same count (8 trillion-yuan clusters, "
            "2023); line 19 carries the fuller quote.",
        ),
        M(
            19,
            value="8",
            note="Count = 8 trillion-yuan clusters as of early 2024, i.e. 2023 results; earliest official "
            "(省工信厅) "
            "statement of the 2023 count found, same count as seed-chinadaily-2024. Same article: 2023年全省规模"
            "以上工业企业营业收入超过18万亿元.",
        ),
        M(
            20,
            value="40",
            note="四成 = about 40%; corroborates seed-chinadaily-2024 (40% in 2023) with an earlier "
            "official Chinese statement (省工信厅副厅长吴红, 2024-01-20).",
        ),
        M(21, value="8"),
        M(22, value="3"),
        M(23, value="7"),
        M(24, value="2"),
        M(25),
        M(
            26,
            value="8",
            period="2023",
            note="As-of count stated on 2024-11-26 ('我们现在有8个过万亿级的支柱产业'), before full-year 2024 data: it "
            "describes 2023 results, so period 2023 (2026-12 audit rule: date by the period described; the "
            "research gave 2024). qq-2025-03-06 later counted new energy as the 9th for 2024. Also at "
            "zonghejiaofeipingtai.cn/tiyu/2025/30275.html.",
        ),
        M(
            27,
            "traditional_trillion_clusters_count",
            d="other_plan",
            value="8",
            note="Counts only the 'traditional advantage' industries as the 2023-2024 report groups them (电子信息、轻工"
            "纺织、材料、石化、农业与食品、家电、软件与信息服务、汽车), hence its own metric. The same report gives new "
            "energy 2024 revenue 11163.18亿元, which qq-2025-03-06 treats as the 9th trillion-yuan cluster: 8 vs 9 "
            "for 2024 is a difference of scope, not of data.",
        ),
        M(
            28,
            value="9",
            period="2024",
            note="14th-FYP summary of October 2025: '从7个增至9个' (7 at the start of the period, 9 by October 2025: "
            "automobiles 2023 per qq-2025-03-06, new energy 2024). The 9 describe 2024 results (the latest full "
            "year in October 2025), so period 2024 (the research gave 2025). Superseded by the February 2026 "
            "reports of a 10th (UHD video display, 2025).",
            extra=[
                (
                    "trillion_clusters_count",
                    "2020",
                    "7",
                    "exact",
                    "The start of '从7个增至9个' ('5年来', the 2021-2025 period): 7 trillion-yuan clusters at the start, "
                    "read as 2020 results (our reading).",
                )
            ],
        ),
        S(
            29,
            "all20-four-tenths-of-gdp-2021-2025",
            "verdict",
            "Over the five years of the 14th Five-Year Plan period, the 20 strategic industrial clusters have carried "
            "about four tenths of the province's GDP.",
            "“十四五”五年来,20个战略性产业集群撑起了全省约四成的地区生产总值。",
            period="2021-2025",
            note="A five-year characterisation ('5年来', 2021-2025), not a single-year statistic, so it is a statement, "
            "not a metrics row. The same sentence's trillion-cluster counts (7 -> 9) are in metrics.csv.",
        ),
        M(30, value="10"),
        M(
            31,
            value="10",
            note="Corroborates the 10-cluster count: the provincial white paper released at the 2026 高质量发展大会 says "
            "UHD video became the 10th trillion-yuan cluster. No year in the quote; 2025 is our reading.",
        ),
        S(
            32,
            "all20-double-ten-verdict-2025",
            "verdict",
            "The provincial academy of social sciences judges that building the 'double ten' strategic industrial "
            "clusters has achieved notable results.",
            "广东省社会科学院认为,“双十”战略性产业集群建设成效显著。",
            period="2021-2025",
        ),
        S(
            33,
            "all20-candidate-trillion-clusters-2023",
            "goal",
            "The 2023 government work report pledges to strengthen the 8 existing trillion-yuan clusters and to speed up "
            "making UHD video display, biomedicine and health, new energy and other industries new trillion-yuan "
            "clusters; no year is set.",
            "2023年省政府工作报告提出,提质壮大现有8个万亿元级产业集群,加快推动超高清视频显示、生物医药与健康、新能源等"
            "产业成为新的万亿元级产业集群,未设定年份。",
            period="",
        ),
        # --- all 20, city totals (each city's own cluster definitions) -------------------------------------------
        M(34, d="city_own"),
        M(
            35,
            d="city_own",
            value="30.7",
            note="Share of Guangzhou's GDP; Guangzhou's own eight strategic emerging "
            "industries (not the provincial 20).",
        ),
        M(
            36,
            "clusters_100bn_level_count",
            d="city_own",
            value="6",
            add=" '千亿级' is a class (100-billion-yuan level), so the count has its own metric.",
        ),
        M(37, d="city_own"),
        M(38, d="city_own"),
        M(39, d="city_own", value="42.3", note="Share of Shenzhen's GDP; Shenzhen '20+8' definition."),
        T(
            40,
            "shenzhen-sei-added-value-2025-rev",
            d="city_own",
            add=" Supersedes shenzhen-sei-added-value-2025 (the 2022 opinion's >1.5万亿元).",
        ),
        T(
            41,
            "shenzhen-trillion-level-clusters-2025",
            "trillion_clusters_count",
            d="city_own",
            value="4",
            plan="深圳 实施方案 (2024)",
        ),
        T(
            42,
            "shenzhen-500bn-level-clusters-2025",
            "clusters_500bn_to_1tn_count",
            d="city_own",
            value="4",
            plan="深圳 实施方案 (2024)",
        ),
        T(
            43,
            "shenzhen-sei-added-value-2025",
            d="city_own",
            note="Shenzhen '20+8' definition. Superseded by the 2024 实施方案's >1.6万亿元 "
            "(shenzhen-sei-added-value-2025-rev). Same page: Shenzhen UHD video display 主营业务收入 >4500亿元 by "
            "2025 (shenzhen-uhd-mbi-2025).",
        ),
        M(
            44,
            "equipment_manufacturing_cluster_output_value",
            d="city_own",
            note="Foshan's own '2+2+4' equipment manufacturing cluster, not one of the provincial 20 (it overlaps high-end "
            "equipment, smart robots and automobiles). The same sentence gives 泛家居 10719亿元 for 2020 (not "
            "recorded: the research made no row of it).",
        ),
        M(
            45,
            value="2",
            d="city_own",
            note="Foshan's own clusters: count read from the two clusters (装备制造、泛家居) named as having reached the "
            "trillion scale target early.",
        ),
        M(
            46,
            "pan_home_furnishing_output_value",
            d="city_own",
            note="Foshan's own 泛家居 (pan-home-furnishing) industry, which spans several provincial clusters. No year in "
            "the sentence; 2022 is our reading (article of March 2023).",
        ),
        M(
            47,
            "clusters_100bn_level_count",
            d="city_own",
            value="10",
            note="Foshan's own cluster list; 14th-FYP summary given on 2025-12-17. '千亿级' is a class.",
        ),
        M(
            48,
            "clusters_output_over_100bn_count",
            d="city_own",
            value="3",
            note="Jiangmen's own clusters (not named); '产值破千亿' = output over 100 billion yuan. Stated 2026-01-05 "
            "about the 14th-FYP period (2025).",
        ),
        M(49, "industry_chains_output_over_50bn_count", d="city_own", value="5"),
        S(
            50,
            "huizhou-two-trillion-clusters-goal",
            "goal",
            "A 2024 provincial opinion supports Huizhou in building two trillion-yuan clusters, petrochemical energy and "
            "new materials, and electronic information; no target year is given for them.",
            "2024年省委省政府意见支持惠州打造石化能源新材料、电子信息两大万亿元级产业集群,未给出目标年份。",
            period="",
        ),
        M(
            51,
            "electrical_machinery_output_value",
            d="city_own",
            note="Dongguan's own industry grouping, not a provincial cluster. Said on 2025-12-29 about the 14th-FYP "
            "period; the data year is not stated (2025 is the research's reading).",
        ),
        M(
            52,
            d="other_plan",
            value="4",
            note="MIIT national advanced manufacturing clusters involving Dongguan (some shared with other cities): the "
            "national list's definition, not the provincial 20.",
        ),
        # --- automobiles --------------------------------------------------------------------------------------
        M(
            53,
            d="segment",
            note="Sub-sector (complete-vehicle manufacturing, 汽车整车制造) of the automobile industry's 2021H1 added "
            "value 903.88亿元 (already in metrics.csv from this source). This fuller sentence names 广东汽车产业 "
            "(the automobile industry), not the cluster by name.",
        ),
        M(
            54,
            note="First year above 1 trillion yuan of operating revenue (汽车产业). CONFLICT: qq-2025-03-06 says "
            "automobiles became the 8th trillion-yuan cluster in 2023; the January 2023 work report "
            "(sqcfn-2023-01-12) already speaks of 现有8个万亿元级产业集群 (2022).",
        ),
        M(
            55,
            value="410",
            growth_q="over",
            note="Estimate (预计) made in January 2023: more than 4.10 million vehicles (超过410万辆), growth 'more than "
            "25%' (超过25%).",
        ),
        M(56, value="130", note="Nearly 1.30 million NEVs (近130万辆), +140%, about 18% of national NEV output."),
        M(
            57,
            note="Growth only; read as added-value growth (the paragraph opens with 增加值). Same article: "
            "规模以上汽车工业增加值 +24.2%.",
        ),
        M(58, value="308.92", note="3.0892 million vehicles (308.92万辆), 15.35% of national output (NBS)."),
        M(
            59,
            value="519.19",
            note="5.1919 million units = 519.19 (10,000 vehicles); 17.2% of national output (NBS). "
            "Page undated (2024).",
        ),
        M(
            60,
            value="253.18",
            no_growth=NOT_IN_QUOTE,
            note="2.5318 million NEVs = 253.18 (10,000 vehicles); 26.8% of national NEV output. The page's next sentence "
            "gives +83.3% year on year.",
        ),
        M(
            61,
            value="56.3",
            note="563,000 public charging stations = 56.3 (10,000 units), one fifth of the national total. Definition: "
            "the 2023-2025 plan's target of 新能源汽车公用充电桩 >21万个 by 2025 (auto-public-chargers-2025) is far "
            "below this 2023 stock (xwboo.com: 公共充电桩保有量56.3万台), so the two counts use different "
            "definitions: do not compare them.",
        ),
        T(
            62,
            "auto-revenue-2025-xinhua",
            plan="Cluster action plan 2023-2025 (revised)",
            note="Tier B source for the revised-plan target also held from a Tier-C repost (auto-revenue-2025, baixuncn): "
            "both rows kept, each with its source.",
        ),
        T(
            63,
            "auto-nev-share-2025",
            value="50",
            note="NEVs more than half (> 50%) of vehicle output by 2025. Also in xwboo.com (C): '尤其新能源汽车产量占"
            "汽车总产量比重将超过一半'.",
        ),
        M(
            64,
            value="310",
            d="city_own",
            note="Guangzhou, preliminary full-year 2022: more than 3.1 million vehicles (超310万辆).",
        ),
        M(65, d="city_own", note="Guangzhou, January-November 2022 (广州市工业和信息化局 briefing)."),
        M(66, value="292.53", d="city_own", note="Guangzhou, January-November 2022: 2.9253 million vehicles."),
        M(67, value="27.94", d="city_own", note="Guangzhou, January-November 2022: 279,400 NEVs."),
        T(
            68,
            "guangzhou-auto-output-value-2025-draft",
            d="city_own",
            note="City plan, DRAFT (征求意见稿); not the provincial cluster plan. A Thai-language page repeats it.",
        ),
        T(
            69,
            "guangzhou-vehicle-capacity-2025-draft",
            "vehicle_capacity",
            d="city_own",
            value="500",
            note="Capacity, not output: 5 million vehicles (500万辆). DRAFT city target.",
        ),
        # --- biomedicine and health -----------------------------------------------------------------------------
        M(
            70,
            note="Pinyin glosses inserted by the mirror (醫(yī)藥) removed from the quote. Consistent with 2024 "
            "约4486.63亿 (reporthb-2025-02-11). CONFLICT: trlz-2024-10-09 (科技日报) gives 2023 营收 6638亿元, "
            "which does not fit between the two on one measure.",
        ),
        M(
            71,
            note="CONFLICT: 2022 = 4112.83亿元 (iboding-2023-02-17) and 2024 = 约4486.63亿元 (reporthb-2025-02-11) "
            "imply a different scope; 6638亿元 may include health services. Do not chart with them as one "
            "series until verified.",
        ),
        T(
            72,
            "biomedicine-scale-2027",
            add=" Supersedes biomedicine-revenue-2025 (营业收入 1万亿元 by 2025); note "
            "the measure differs (集群规模 vs 营业收入).",
        ),
        T(73, "pharma-above-scale-2027", d="segment"),
        M(74, d="city_own", note="Guangzhou's own 生物医药健康产业."),
        M(75, d="city_own"),
        # --- blockchain, digital creativity -------------------------------------------------------------------
        M(
            76,
            value="24911",
            d="segment",
            note="Registered firms with 'blockchain' in their records (区块链之家 data), over 50% of the national total; "
            "blockchain only, and not the cluster's enterprise list.",
        ),
        M(77, value="6800", q="exact", note="Count of enterprises above designated size in the cluster (6800)."),
        M(78),
        M(79, d="segment", note="Games sub-sector (2019 value 约1898亿 is in metrics.csv)."),
        M(80, d="city_own"),
        T(81, "shenzhen-digital-creativity-av-2025", d="city_own"),
        # --- electronic information ----------------------------------------------------------------------------
        M(82, d="segment"),
        M(83, d="segment"),
        M(
            84,
            d="other_plan",
            note="Measure is 电子信息制造业 (the statistical electronic information manufacturing industry), not the "
            "cluster's own 9-category definition. Stated by vice-governor Wang Xi at the 2022 China Radio "
            "Conference (中新网深圳12月20日电).",
        ),
        T(
            85,
            "new-generation-it-scale-2025-2019-plan",
            d="wider",
            plan="2019 Guangdong new-generation IT industry cluster action plan (pre-programme; exact title not shown)",
        ),
        T(
            86,
            "electronics-manufacturing-output-2025-2019-plan",
            d="other_plan",
            note="Electronic information manufacturing gross output target inside the pre-programme plan (see "
            "new-generation-it-scale-2025-2019-plan). Not the 2021-2025 cluster action plan (whose 2025 target "
            "remains UNCONFIRMED).",
            plan="2019 Guangdong new-generation IT industry cluster action plan (pre-programme; exact title not shown)",
        ),
        M(
            87,
            d="city_own",
            note="Shenzhen's own 新一代电子信息 strategic-emerging-industry group (its '20+8' system), whose scope may "
            "differ from the provincial cluster. The French edition (post_11506600) gives the same figure.",
        ),
        M(88, d="city_own"),
        M(
            89,
            value="1000",
            q="size_class",
            d="city_own",
            note="Dongguan. '万亿级' (trillion-yuan class) is a size class, not a measured figure or a floor; the measure "
            "(output or revenue) is not stated. Said at the '十四五 广东成就' Dongguan press conference (2025-12-29) "
            "about the 2021-2025 period.",
        ),
        X(
            90,
            "Duplicate of line 89: same page (eastmoney-2025-12-29), same fact (Dongguan's 万亿级 new-generation "
            "electronic information industry, a size class).",
        ),
        T(
            91,
            "emerging-500bn-clusters-3-5-years-2024",
            "added_over_500bn_emerging_clusters_count",
            d="standard",
            value="3",
            value_max="5",
            cmp="between",
            year="2029",
            plan="Statement of the provincial industry department head to the provincial People's Congress standing "
            "committee (2024-11-26)",
            note="Range 3-5 kept as a range. UNVERIFIED year: '在3到5年的时间里' from November 2024 = 2027-2029; 2029 is "
            "the research's reading. Restates (with a shorter list) the 2023 opinion's 4-5 such clusters "
            "(new-500bn-emerging-clusters-2027); not linked as a supersession because a statement is not a plan.",
        ),
        # --- frontier new materials, green petrochemicals ------------------------------------------------------
        M(92, note="Growth only; no revenue level was found for this cluster."),
        M(93),
        M(
            94,
            value="7000",
            note="Baseline ('current') refining capacity quoted from the 2021-2025 plan: 70 million "
            "t/yr = 7000 (10,000 t/yr). Article undated (late 2020), so period 2020 is our reading "
            "of 'current'.",
        ),
        M(
            95,
            value="430",
            note="Baseline ethylene capacity: 4.3 million t/yr = 430 (10,000 t/yr); period 2020 is our "
            "reading of 'current' (late 2020).",
        ),
        M(
            96,
            value="85",
            note="Baseline aromatics capacity: 850,000 t/yr = 85 (10,000 t/yr); period 2020 is our "
            "reading of 'current' (late 2020).",
        ),
        M(
            97,
            d="other_plan",
            note="石化 industry above designated size (industry-statistics grouping), not the "
            "cluster figure; the same article lists cluster growth only for the faster-growing "
            "clusters.",
        ),
        M(98, d="other_plan"),
        M(
            99,
            d="other_plan",
            note="Growth only; '去年' read as 2023, as for the revenue growth of the same "
            "sentence. Measure is 石化产业 above-scale firms.",
        ),
        T(100, "green-petrochem-scale-2025-szgov", plan=SZGOV, add=SZGOV_ADD),
        T(101, "green-petrochem-added-value-2025-szgov", plan=SZGOV, add=SZGOV_ADD),
        T(
            102,
            "green-petrochem-profit-2025-szgov",
            plan=SZGOV,
            note="NEW: profit target of the revised plan (>100 bn yuan = 超千亿元), the same value as the 2021-2025 plan "
            "(green-petrochem-profit-2025).",
        ),
        T(
            103,
            "green-petrochem-refining-capacity-2025-szgov",
            value="9000",
            plan=SZGOV,
            note="90 million t/yr = 9000 (10,000 t/yr) (Chinese plan: 炼油9000万吨/年…以上)." + SZGOV_ADD,
        ),
        T(
            104,
            "green-petrochem-ethylene-capacity-2025-szgov",
            value="900",
            plan=SZGOV,
            note="9 million t/yr = 900 (10,000 t/yr) (乙烯900万吨/年)." + SZGOV_ADD,
        ),
        T(
            105,
            "green-petrochem-aromatics-capacity-2025-szgov",
            value="500",
            plan=SZGOV,
            note="5 million t/yr = 500 (10,000 t/yr) (芳烃500万吨/年)." + SZGOV_ADD,
        ),
        T(
            106,
            "green-petrochem-firms-over-10bn-2025-szgov",
            value="15",
            plan=SZGOV,
            note="Count: 15 firms with main-business revenue over 10 billion yuan." + SZGOV_ADD,
        ),
        T(
            107,
            "green-petrochem-firms-over-100bn-2025-szgov",
            value="4",
            plan=SZGOV,
            note="Count: 4 firms with main-business revenue over 100 billion yuan." + SZGOV_ADD,
        ),
        T(
            108,
            "green-petrochem-deep-processing-share-2025-szgov",
            value="35",
            plan=SZGOV,
            note="Share of deep-processed products over 35% of total output. NEW target row.",
        ),
        T(
            109,
            "green-petrochem-rd-intensity-2025-szgov",
            value="1.7",
            plan=SZGOV,
            note="R&D = 1.7% of the large firms' … (the French text says 'investissements'; the Chinese plan presumably "
            "says 研发经费占营业收入比重 - unverified). NEW target row.",
        ),
        T(
            110,
            "green-petrochem-profit-2025",
            plan="Cluster action plan 2021-2025",
            note="Original 2021-2025 plan; the revised plan keeps the same value (green-petrochem-profit-2025-szgov, "
            "which supersedes it). Duplicated characters/pinyin of the garbled repost removed from the quote.",
        ),
        T(111, "green-petrochem-deep-processing-share-2025", value="35", plan="Cluster action plan 2021-2025"),
        M(
            112,
            d="city_own",
            note="Zhanjiang, stated at the '十四五 广东成就' Zhanjiang press conference (2026-01-15) by the city industry "
            "bureau; no year attached, read as the 2025 level. Same article: '绿色石化、现代农业与食品产业集群年产值"
            "双双突破千亿元'.",
        ),
        M(113, d="city_own"),
        M(
            114,
            value="2200",
            d="city_own",
            note="Huizhou refining capacity, 22 million t/yr (2200万吨/年), as of December 2025 ('目前').",
        ),
        M(
            115,
            value="380",
            d="city_own",
            note="Huizhou ethylene capacity, 3.8 million t/yr (380万吨/年), as of December 2025 ('目前').",
        ),
        T(
            116,
            "huizhou-ethylene-capacity-2027",
            value="540",
            d="city_own",
            plan="2024 provincial opinion supporting Huizhou's green low-carbon industrial system",
            note="Huizhou 2027 capacity target, 5.4 million t/yr (540万吨). Same target in a Tier-C summary of the "
            "opinion (blob.wenxiaobai.com).",
        ),
        T(
            117,
            "huizhou-polyolefin-capacity-2027",
            value="660",
            d="city_own",
            plan="2024 provincial opinion supporting Huizhou's green low-carbon industrial system",
            note="Huizhou 2027 capacity target, 6.6 million t/yr (660万吨).",
        ),
        # --- high-end equipment, lasers ----------------------------------------------------------------------
        M(118, note="Growth only."),
        M(119),
        M(120),
        M(121, d="segment"),
        M(
            122,
            note="Said by 省科技厅副厅长郑海涛. CONFLICT with the plan text (gdlaser-plan): 2019年全省激光与增材制造"
            "产业主营收超过1000亿元 (main business income; a different measure and perhaps scope).",
        ),
        M(123, d="segment"),
        T(
            124,
            "laser-additive-scale-2025",
            cmp="at_least",
            note="First sourced 2025 target for this cluster, presented at a forum guided by the provincial Department of "
            "Science and Technology; the plan text itself was not read. The research qualifier 'about' is not in "
            "the quote ('实现1800亿规模'), so at_least. Baseline 900亿 conflicts with the plan repost's 2019 "
            "主营收超过1000亿元 (gdlaser-plan).",
        ),
        M(125, d="segment"),
        # --- light industry and textiles -----------------------------------------------------------------------
        T(
            126,
            "textile-apparel-revenue-2025",
            d="segment",
            plan="关于进一步推动纺织服装产业高质量发展的实施意见 (省工信厅, 2023)",
        ),
        T(
            127,
            "textile-apparel-revenue-2027",
            d="segment",
            qualitative=True,
            plan="关于进一步推动纺织服装产业高质量发展的实施意见 (省工信厅, 2023)",
            note="Qualitative: double (翻一番) the 2025 textile and apparel revenue by 2027; the source states no yuan "
            "figure for 2027 and none is computed here. Sub-sector only.",
        ),
        M(128, d="segment"),
        # --- new energy ---------------------------------------------------------------------------------------
        M(129, d="segment"),
        M(
            130,
            note="The same 时代周报 article states the energy plan's target (营业收入规模突破1万亿元 by 2025, "
            "new-energy-revenue-2025-energy-plan-2023) and says it was met a year early "
            "(广东新能源产业提前一年完成万亿目标). That target is set for 新能源产业 by an energy plan (definition "
            "other_plan) while this figure is the cluster's (新能源产业集群): the article compares the two. Also "
            "held from a899-new-energy-2024 (C); corroborated by 央广网 2025-03-20.",
        ),
        T(
            131,
            "new-energy-revenue-2025-energy-plan-2023",
            d="other_plan",
            plan="广东省推进能源高质量发展实施方案 (2023; provincial energy plan, not the cluster action plan)",
            note="Raises the 7300亿元 2025 target of the energy 14th Five-Year Plan (new-energy-revenue-2025, which it "
            "supersedes). Same article: 广东新能源产业提前一年完成万亿目标 (met a year early: the cluster's 2024 "
            "operating revenue was 11163.18亿元).",
        ),
        T(
            132,
            "energy-storage-revenue-2025",
            d="segment",
            note="Sub-sector target (新型储能), with an average annual growth of over 50% (年均增长50%以上). Publication "
            "month inferred from the article's own reference to 2024年1月1日至23日.",
        ),
        T(133, "energy-storage-revenue-2027", d="segment", plan="广东省推动新型储能产业高质量发展的指导意见 (2023-03)"),
        T(134, "guangzhou-energy-storage-revenue-2025", d="segment"),
        T(135, "guangzhou-energy-storage-revenue-2027", d="segment"),
        T(136, "guangzhou-energy-storage-cluster-2030", d="segment", cmp="size_class"),
        T(137, "guangzhou-energy-storage-cluster-2035", d="segment", cmp="size_class"),
        # --- pillar 10, precision instruments, province ----------------------------------------------------------
        M(138, value="35"),
        T(
            139,
            "precision-instruments-scale-2025",
            plan="Attributed to the 2021-2025 provincial plan by the source (plan text not read)",
        ),
        M(
            140,
            note="Future-industry (未来电子信息) measure; compare the 2025 target of 3000亿元 "
            "(ai-core-industry-scale-2025).",
        ),
        S(
            141,
            "province-14fyp-verdict-2025",
            "verdict",
            "The provincial government spokesman announced that the targets and tasks of Guangdong's 14th Five-Year Plan "
            "are about to be successfully completed.",
            "省政府新闻发言人宣布,广东省高质量推动“十四五”规划目标任务即将顺利完成。",
            period="2021-2025",
        ),
        S(
            142,
            "province-candidate-new-clusters-2024",
            "goal",
            "Guangdong will consolidate its 8 existing trillion-yuan clusters, such as new-generation electronic "
            "information and green petrochemicals, and speed up turning new-type energy storage, new-energy vehicles and "
            "the low-altitude economy into new 500-billion- and trillion-yuan clusters; no year is set.",
            "广东将巩固新一代电子信息、绿色石化等8个万亿级产业集群,加快把新型储能、新能源汽车、低空经济等打造成新的"
            "五千亿级、万亿级产业集群,未设定年份。",
            period="",
        ),
        T(143, "ai-core-industry-scale-2025", plan="Five future-industry cluster action plans (February 2024)"),
        S(
            144,
            "province-new-pillar-industries-2026",
            "goal",
            "The 2026 government work report calls for building up new energy, new materials, intelligent connected "
            "vehicles, smart robots, medicines and medical devices, aerospace, integrated circuits, the low-altitude "
            "economy and bio-manufacturing to cultivate more new pillar industries.",
            "2026年省政府工作报告提出,做大做强新能源、新材料、智能网联汽车、智能机器人、医药和医疗器械、航空航天、集成电路、"
            "低空经济、生物制造等产业,培育更多新支柱产业。",
            period="2026",
        ),
        S(
            145,
            "province-future-industries-2026",
            "goal",
            "The 2026 government work report lists future industries to develop: sixth-generation mobile "
            "communications, intelligent cell and gene therapy, brain science and brain-computer interfaces, hydrogen "
            "and advanced nuclear energy, deep-sea exploration and quantum technology.",
            "2026年省政府工作报告提出,大力发展第六代移动通信、智能细胞与基因治疗、脑科学与脑机接口、氢能及先进核能、"
            "深海探测、量子科技等未来产业重点细分领域。",
            period="2026",
        ),
        T(146, "new-tracks-over-1tn-2030", value="3"),
        T(147, "new-tracks-over-500bn-2030", value="5"),
        T(148, "new-tracks-over-100bn-2030", value="10"),
        T(
            149,
            "province-gdp-growth-2026-2030",
            "gdp",
            plan="15th Five-Year Plan (2026-2030), per the 2026 government work report",
            note="Average annual GDP growth of about 5% (年均增长5%左右) over 2026-2030; target_year is the plan's last "
            "year. Province context; the quote keeps a stray space in '取 得' as in the source.",
        ),
        T(150, "province-gdp-2035", value="25800"),
        # --- safety, semiconductors -----------------------------------------------------------------------------
        T(151, "shenzhen-safety-energy-env-av-2025", d="city_own"),
        M(152),
        M(153),
        M(154),
        M(
            155,
            note="Physical output (chips), not money: +80% year on year, 28.1% of national output. Attributed to "
            "省工信厅副厅长吴红.",
        ),
        M(156),
        M(
            157,
            d="city_own",
            note="Undated English repost; describes the plan issued by 深圳市发改委 on June 6 "
            "(2022). The sentence's 'will exceed' is as printed.",
        ),
        M(
            158,
            d="city_own",
            note="Shenzhen IC industry revenue (深圳市科创委 official at the 2023 summit). CONFLICT: "
            "chipsourcetek-2022-12-31 (an estimate made before year-end) gives about 157.84 bn "
            "yuan, -6.6%.",
        ),
        M(
            159,
            d="city_own",
            growth_q="about",
            note="Pre-year-end estimate ('will be'). CONFLICT with 1608.9亿元 (aiiaw-2023).",
        ),
        M(
            160,
            d="city_own",
            note="Shenzhen IC industry revenue, source 深圳市半导体行业协会. CONFLICT: gdstc-2024-10 gives 2023 '产业规模"
            "超2000亿元、同比增长超8%' (a different measure or compiler: growth +32.8% vs over 8%).",
        ),
        M(
            161,
            d="city_own",
            growth_q="over",
            note="Growth is 'over 8%'. Also says Shenzhen = 80% of Guangdong IC 总产值. CONFLICT in growth with "
            "people-sz-2024-08-17 (营收 2136.8亿元, +32.8%).",
        ),
        M(
            162,
            d="city_own",
            add=" The 2024 figure fits this '产业规模' series rather than the association's 营收 "
            "(people-sz-2024-08-17): two series, do not mix them.",
        ),
        M(163, d="city_own"),
        M(164, d="city_own"),
        T(165, "shenzhen-semis-revenue-2025", d="city_own"),
        T(166, "zhuhai-ic-scale-2025", d="city_own"),
        # --- smart home appliances ------------------------------------------------------------------------------
        M(167, d="segment"),
        M(
            168,
            value="6736.25",
            d="segment",
            note="67.3625 million air conditioners (6 736.25万台), 30.8% of national output. Same sentence: colour TVs "
            "9,810.91万台 (53.0% of national), not recorded.",
        ),
        M(169),
        M(170, d="segment"),
        M(
            171,
            d="segment",
            note="Exports, not cluster revenue. Period January-November 2025. Same article: 'Smart "
            "home appliances have grown into a trillion-yuan industrial cluster.'",
        ),
        T(172, "smart-home-revenue-2025", plan="Cluster action plan 2021-2025"),
        T(
            173,
            "smart-home-added-value-2025",
            plan="Cluster action plan 2021-2025",
            note="2021-2025 plan; 2019 baseline 2700亿元 (plan text). Commercial page: verify against the plan text "
            "(gd.gov.cn post_3097823, section 二).",
        ),
        # --- smart robots -------------------------------------------------------------------------------------
        M(
            174,
            value="4.47",
            note="44,700 units in 2019 (4.47万台(套)), the base year of the 2021-25 plan. Published date from the text "
            "(2025-06-06 event).",
            extra=[
                ("industrial_robot_output", "2024", "24.68", "exact", "24.68万台(套) in 2024, from the same sentence.")
            ],
        ),
        M(175),
        M(176),
        M(177, value="16", note="160,000 units in 2022 = 16 (10,000 units), the base of the 2023-25 plan."),
        M(178, note="Growth only; 32.5% of national output."),
        M(
            179,
            value="100",
            note="'逼近千亿元级' (approaching the 100-billion-yuan level): the only cluster-revenue level found for "
            "2023-25; the wording is a class (千亿元级), read as nearly 100 bn. Year 2024 read from the same "
            "sentence. Above the 80 bn 2025 target.",
        ),
        M(
            180,
            value="24",
            growth_q="exact",
            note="More than 240,000 units (超24万台(套)), 44% of national. Exact 24.68万台(套) in 中新网 2025-02-06 and "
            "南方财经 (see the 2024 row from eastmoney-2025-06-air-index).",
        ),
        M(
            181,
            note="Growth only; over 50% of national output in H1. Bare-IP repost of a 中新社 wire dated 7月24日; "
            "year 2024 from the repost date and content.",
        ),
        M(
            182,
            value="33.63",
            note="Full-year 2025: 336,300 industrial robots (33万6300台) = 33.63 (10,000 units), 43.5% of national; "
            "service robots 15,182,100 (81.7%), not recorded. Chinese original not found; verify.",
        ),
        M(
            183,
            value="26.02",
            note="January-October 2025: 260,200 sets (26.02万套); service robots 12.8388 million "
            "sets. Source: 省人工智能与机器人产业创新发展工作领导小组办公室.",
        ),
        M(
            184,
            value="12.47",
            note="January-May 2025 (省工信厅 data): 124,700 sets = 12.47 (10,000 units). Same "
            "article: service robots 4.1698 million sets, +8.2%.",
        ),
        M(185, value="6.32", note="63,200 units (6.32万台(套)), Q1 2025."),
        T(
            186,
            "smart-robots-revenue-2025-rev",
            plan=ROBOTS_PLAN,
            note="First source tying the 800亿 target to the 2023-2025 cluster plan (smart-robots-revenue-2025 holds the "
            "same figure from the 14th Five-Year manufacturing plan: both kept, not linked, since the cluster plan "
            "does not replace the manufacturing plan). Supersedes the draft 2021-2025 plan's revenue-growth target. "
            "Original wording (达到/突破) not seen, so at_least.",
        ),
        T(187, "service-robots-revenue-2025", d="segment", plan=ROBOTS_PLAN),
        T(188, "uav-unmanned-boats-revenue-2025", d="segment", plan=ROBOTS_PLAN),
        T(
            189,
            "smart-robots-industrial-output-2025-rev",
            value="18",
            plan=ROBOTS_PLAN,
            note="180,000 industrial robots a year = 18 (10,000 units). Replaces the draft 2021-25 plan's '超过10万台' "
            "(supersedes both draft output targets). Output was already about 247,000 in 2024 and 336,300 in 2025.",
        ),
        M(190, d="city_own"),
        M(191, d="city_own"),
        M(192, d="city_own"),
        M(193, d="city_own"),
        M(194, d="city_own"),
        M(195, d="city_own"),
        T(
            196,
            "foshan-robot-cluster-output-2025",
            d="city_own",
            plan="Foshan (stated by vice-mayor 乔羽; plan not named)",
        ),
        M(197, d="city_own"),
        M(198, d="wider"),
        T(
            199,
            "dongguan-robot-core-revenue-2025",
            d="city_own",
            note="Dongguan 'core' smart robot industry. The same plan targets industrial robots over 20,000 sets a year "
            "(工业机器人年产量超过2万套; not recorded).",
        ),
        T(
            200,
            "dongguan-robot-related-revenue-2025",
            d="wider",
            note="Related (driven) industries, not the core cluster. Superseded by the 2025 edition's >1000亿 by 2027 "
            "(dongguan-robot-related-revenue-2027).",
        ),
        T(201, "dongguan-robot-related-revenue-2027", d="wider"),
        # --- software -------------------------------------------------------------------------------------------
        M(202),
        M(203),
        M(204, value="2000"),
        M(205),
        M(206),
        M(207),
        M(208),
        M(209, d="city_own"),
        M(
            210,
            d="city_own",
            no_growth=NOT_IN_QUOTE,
            note="Guangzhou, above-designated-size 互联网软件业 only (a different scope from the 4913.58亿 figure). The "
            "quote's '年均增速27.6%' is the 2015-2020 average, not recorded as a year-on-year growth.",
        ),
        M(211, d="city_own"),
        M(212, d="city_own"),
        M(213, d="city_own"),
        M(214, d="city_own"),
        T(
            215,
            "guangzhou-software-revenue-2023",
            d="city_own",
            note="With an average annual growth of over 15% (年均增长15%以上). The city's 2023 outcome was 突破7000亿元 "
            "(gxj-gz-2024-cppcc-reply), i.e. the target was not met on the city's own reporting. A 2024 revision "
            "targets 互联网软件产业收入 >5500亿元 by 2026 (seen only without a URL; not recorded).",
        ),
        M(216, d="city_own"),
        M(217, d="city_own"),
        M(218, d="city_own"),
        T(219, "dongguan-software-revenue-2025", d="city_own"),
        # --- UHD video display ---------------------------------------------------------------------------------
        M(220),
        M(
            221,
            add=" CONFLICT (plausibility): itiger-2025-12-24 gives 2024 revenue of over 900 billion yuan, about "
            "+50% in two years; the research asks for a check against a Chinese original.",
        ),
        M(222),
        M(223, add=" CONFLICT (plausibility): about +50% over two years from 6063.5亿 in 2022 (022net-2023-05-10)."),
        M(224),
        M(225, d="city_own"),
        M(226, d="city_own"),
        T(227, "guangzhou-uhd-output-2023", d="city_own"),
        T(228, "guangzhou-uhd-digital-content-scale-2023", d="wider"),
        T(229, "shenzhen-uhd-mbi-2025", d="city_own"),
    ]
}


# ----------------------------------------------------------------------------------------------------------
# Trillion-yuan cluster members: one row per (cluster, source), the first year of data in which the source
# counts the cluster among the trillion-yuan clusters. quote_line = take the quote of that research line.
# ----------------------------------------------------------------------------------------------------------

ORIGINAL_SEVEN = (
    "electronic_information",
    "green_petrochemicals",
    "smart_home_appliances",
    "advanced_materials",
    "light_industry_textiles",
    "software_information_services",
    "agriculture_food",
)
SEVEN_NOTE = (
    "The quote names no cluster. Our reading: the 7 trillion-yuan clusters at the start of the 2021-2025 "
    "period ('从7个', 2020 data) are the 9 that qq-2025-03-06 lists (目前,广东的9个万亿级集群分别是:新一代"
    "电子信息、绿色石化、智能家电、先进材料、现代轻工纺织、软件与信息服务、现代农业与食品、汽车和最新的新能源"
    "产业集群) less automobiles (the 8th: 2023 per qq-2025-03-06, 2022 per tibet-2023-01-13) and new energy "
    "(the 9th, 2024). 2020 is the earliest year our sources count it; it may have been at that level "
    "earlier. China Daily (chinadaily-2022-09-01) names electronic information, green petrochemicals and "
    "smart home appliances among the seven."
)
TRILLION_MEMBERS: list[dict[str, Any]] = [
    dict(cluster_id=c, first_year="2020", source_id="cinic-2025-10-22", quote_line=28, note=SEVEN_NOTE)
    for c in ORIGINAL_SEVEN
] + [
    dict(
        cluster_id="automobiles",
        first_year="2022",
        source_id="tibet-2023-01-13",
        quote_line=54,
        note="'2022年汽车产业首次实现超万亿元营业收入': first year above 1 trillion yuan of operating revenue; "
        "the "
        "quote does not itself use the words 'trillion-yuan cluster'. CONFLICT: qq-2025-03-06 says "
        "automobiles became the 8th trillion-yuan cluster in 2023. The January 2023 work report "
        "(sqcfn-2023-01-12: 现有8个) and the April 2023 '8372' pattern support 2022.",
    ),
    dict(
        cluster_id="automobiles",
        first_year="2023",
        source_id="qq-2025-03-06",
        quote="继2023年汽车产业成为广东第八个万亿级的产业集群后",
        note="CONFLICT: tibet-2023-01-13 (南方日报) says the car industry first passed 1 trillion yuan of "
        "operating revenue in 2022, and the January 2023 work report already counts 8 trillion-yuan "
        "clusters. Both rows are kept.",
    ),
    dict(
        cluster_id="new_energy",
        first_year="2024",
        source_id="qq-2025-03-06",
        quote="2024年新能源产业成为广东第九个万亿级的产业集群。",
        note="The 9th trillion-yuan cluster; 2024 operating revenue 11163.18亿元 (stockstar-2025-03-06, "
        "a899-new-energy-2024).",
    ),
    dict(
        cluster_id="uhd_video_display",
        first_year="2025",
        source_id="ycwb-mirror-2026-02-24",
        quote_line=30,
        note="The 10th trillion-yuan cluster (revenue over 1 trillion yuan). The quote gives no year; 2025 is "
        "our reading (announced shortly before the 2026-02-24 conference).",
    ),
    dict(
        cluster_id="uhd_video_display",
        first_year="2025",
        source_id="wn-2026-02-24",
        quote_line=31,
        note="'超高清视频成为第十个万亿级产业集群' (provincial white paper, February 2026). The quote gives no "
        "year; 2025 is our reading.",
    ),
]

# SHA-256 of the research file these decisions were made for: a changed file stops the import for review.
RESEARCH_SHA256 = "1f80c4768b24b409a1b0a7e35fe34ad299de143d635f06f007ac87f8a80cc0e7"
RESEARCH_ROWS = 228


# ----------------------------------------------------------------------------------------------------------
# Load
# ----------------------------------------------------------------------------------------------------------


@dataclass
class CsvTable:
    header: list[str]
    rows: list[dict[str, str]]


def read_csv(path: Path) -> CsvTable:
    text = path.read_bytes().decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    rows = [dict(zip(header, values, strict=True)) for values in reader if any(v for v in values)]
    return CsvTable(header, rows)


def csv_text(table: CsvTable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([row.get(column, "") for column in table.header])
    return buffer.getvalue()


def load(research_path: Path, data_dir: Path) -> tuple[list[dict[str, str]], dict[str, CsvTable]]:
    """The research rows (each with its 'line') and every CSV table of the data folder."""
    import hashlib

    raw = research_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != RESEARCH_SHA256:
        raise SystemExit(
            f"{research_path} is not the file the decisions in ROWS were made for (sha256 {digest}). "
            "Review ROWS and SOURCES against it, then update RESEARCH_SHA256."
        )
    research = read_csv(research_path)
    rows = [dict(row, line=str(i)) for i, row in enumerate(research.rows, start=2)]
    if len(rows) != RESEARCH_ROWS:
        raise SystemExit(f"expected {RESEARCH_ROWS} research rows, found {len(rows)}")
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for resource in descriptor["resources"]:
        path = data_dir / resource["path"]
        if path.is_file():
            tables[resource["name"]] = read_csv(path)
    for name, header in NEW_TABLES.items():
        tables.setdefault(name, CsvTable(list(header), []))
    return rows, tables


# ----------------------------------------------------------------------------------------------------------
# Process
# ----------------------------------------------------------------------------------------------------------


def owned(row: dict[str, str]) -> bool:
    """True for a row this script made (its note ends with a marker)."""
    return bool(OWNED.search(row.get("note", "")))


def key_of(name: str, row: dict[str, str]) -> tuple:
    return tuple(row.get(c, "") for c in KEYS[name])


def add_columns(tables: dict[str, CsvTable]) -> None:
    for name, columns in NEW_COLUMNS.items():
        table = tables[name]
        for column, after, default in columns:
            if column in table.header:
                continue
            table.header.insert(table.header.index(after) + 1, column)
            for row in table.rows:
                row[column] = default


# Chinese twins ------------------------------------------------------------------------------------------------
# A column X_zh right after X or X_en holds the Chinese of the English working text in X (the validator's
# rule_chinese_twins wants one wherever X is not empty). The translations are a mapping: identical English has
# identical Chinese, so the twin of every English text the import writes is the one data/ already holds for that
# text.

# English text -> Chinese twin, for an English text the import writes that data/ does not hold yet (a new or
# reworded note, plan, description, …; keep the "[figures-2026.csv line N]" marker as "[figures-2026.csv 第N行]").
# Once written, data/ holds the pair; data/ wins over this table (a translation corrected there is kept).
TRANSLATIONS: dict[str, str] = {}

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def twin_columns(header: list[str]) -> list[tuple[str, str]]:
    """(English column, Chinese column) of a table: every column X_zh right after X or X_en."""
    pairs = []
    for before, name in pairwise(header):
        base = name.removesuffix("_zh")
        if name != base and before in (base, f"{base}_en"):
            pairs.append((before, name))
    return pairs


@dataclass
class Twins:
    """The Chinese twins data/ holds: English text -> Chinese text -> the table.columns holding that pair."""

    known: dict[str, dict[str, set[str]]]

    @classmethod
    def of(cls, tables: dict[str, CsvTable]) -> Twins:
        known: dict[str, dict[str, set[str]]] = {}
        for name, table in tables.items():
            for english, chinese in twin_columns(table.header):
                for row in table.rows:
                    if row.get(english) and row.get(chinese):
                        known.setdefault(row[english], {}).setdefault(row[chinese], set()).add(f"{name}.{chinese}")
        for text, twin in TRANSLATIONS.items():
            if not CJK.search(twin) or twin == text:
                raise SystemExit(f"TRANSLATIONS: the twin of '{text}' is not a Chinese text: '{twin}'")
        return cls(known)

    def chinese(self, table: str, column: str, text: str) -> str:
        """The Chinese twin of an English text; SystemExit naming table, column and text when none is known."""
        found = self.known.get(text) or ({TRANSLATIONS[text]: {"TRANSLATIONS"}} if text in TRANSLATIONS else {})
        if len(found) == 1:
            return next(iter(found))
        if found:
            holders = "; ".join(f"'{twin}' in {', '.join(sorted(where))}" for twin, where in sorted(found.items()))
            raise SystemExit(
                f"{table}.{column}: the English text '{text}' has {len(found)} different Chinese twins in data/ "
                f"({holders}); identical English must have identical Chinese: make them one."
            )
        raise SystemExit(
            f"{table}.{column}: no Chinese twin is known for the English text '{text}' (data/ holds none for it). "
            "Add its translation to TRANSLATIONS in scripts/import_figures_2026.py, then rerun."
        )

    def fill(self, tables: dict[str, CsvTable]) -> None:
        """Give every English working text with an empty Chinese twin the known twin of that text; stop, naming
        each text (table, column, English), when one has none, before anything is written."""
        problems: list[str] = []
        for name, table in tables.items():
            for english, chinese in twin_columns(table.header):
                for row in table.rows:
                    if not row.get(english) or row.get(chinese):
                        continue
                    try:
                        row[chinese] = self.chinese(name, chinese, row[english])
                    except SystemExit as problem:
                        if str(problem) not in problems:
                            problems.append(str(problem))
        if problems:
            raise SystemExit(
                "the import would write English working text without its Chinese twin (nothing was written):\n"
                + "\n".join(f"- {p}" for p in problems)
            )


def update(row: dict[str, str], fields: dict[str, str], table: CsvTable) -> None:
    """row.update(fields), where an English text that changes loses its Chinese twin (unless fields set it too):
    Twins.fill then gives it the twin of the new text, or stops the import if none is known."""
    for english, chinese in twin_columns(table.header):
        if english in fields and chinese not in fields and fields[english] != row.get(english, ""):
            row[chinese] = ""
    row.update(fields)


def set_fields(table: CsvTable, name: str, fixes: dict[tuple, dict[str, str]], log: list[str]) -> None:
    """Apply audit fixes to hand-made rows found by key; a fix whose key is gone is reported as done."""
    by_key = {key_of(name, r): r for r in table.rows if not owned(r)}
    for key, fields in fixes.items():
        row = by_key.get(key)
        if row is None:
            log.append(f"{name}: {key} not found (already fixed, e.g. re-dated)")
            continue
        update(row, fields, table)


def merge(table: CsvTable, name: str, made: list[dict[str, str]], collisions: list[str]) -> None:
    """Replace made rows in place, drop stale made rows, append new ones; never replace a hand-made row."""
    fresh = OrderedDict()
    for row in made:
        key = key_of(name, row)
        if key in fresh:
            raise SystemExit(f"{name}: the import makes two rows with key {key}")
        fresh[key] = row
    out, used = [], set()
    for row in table.rows:
        key = key_of(name, row)
        if owned(row):
            if key in fresh and key not in used:
                out.append(fresh[key])
                used.add(key)
            continue
        if key in fresh:
            collisions.append(f"{name}: {key} is already held by a hand-made row; the made row is left out")
            used.add(key)
        out.append(row)
    out += [row for key, row in fresh.items() if key not in used]
    table.rows = [{c: row.get(c, "") for c in table.header} for row in out]


def join_note(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def research_metric(decision: Decision, row: dict[str, str]) -> str:
    if decision.metric:
        return decision.metric
    metric = METRIC_IDS.get(row["metric"], row["metric"])
    return metric.removeprefix("other:")


def row_note(decision: Decision, row: dict[str, str]) -> str:
    base = decision.note if decision.note is not None else row["note"]
    no_growth = decision.no_growth.format(g=row["growth_pct"]) if decision.no_growth else ""
    return join_note(base, decision.add, no_growth, RESEARCH_MARK.format(line=row["line"]))


class Importer:
    """Builds the rows of the import and records where each research row went."""

    def __init__(self, research: list[dict[str, str]], tables: dict[str, CsvTable]):
        self.research = research
        self.tables = tables
        self.where: dict[int, list[str]] = {}
        self.left_out: dict[int, str] = {}
        self.log: list[str] = []
        self.collisions: list[str] = []
        self.units: dict[str, str] = {}
        self.url_ids: dict[str, str] = {}
        self.twins = Twins.of(tables)

    # --- sources --------------------------------------------------------------------------------------
    def sources(self) -> list[dict[str, str]]:
        table = self.tables["sources"]
        hand = {r["url"]: r["source_id"] for r in table.rows if r["url"] and not owned(r)}
        by_url = {s.url: s for s in SOURCES}
        groups: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
        for row in self.research:
            groups.setdefault(row["url"], []).append(row)
        made = []
        for url, rows in groups.items():
            if url in hand:
                self.url_ids[url] = hand[url]
                continue
            spec = by_url.get(url)
            if spec is None:
                raise SystemExit(
                    f"no SOURCES entry for research URL {url} (lines {', '.join(r['line'] for r in rows)})"
                )
            self.url_ids[url] = spec.source_id
            research_tiers = sorted({r["tier"] for r in rows}, key=TIER_ORDER.index)
            base = research_tiers[-1]
            tier = tier_for(base, url, spec.mirror_of, spec.checked_against)
            dates = {r["published"] for r in rows}
            if not spec.published and len(dates) != 1:
                raise SystemExit(f"{url}: research rows disagree on 'published'; set it in SOURCES")
            published = spec.published or dates.pop()
            if not published:
                raise SystemExit(f"{url}: no publication date; set it in SOURCES with a note")
            tier_note = ""
            if tier != research_tiers[0]:
                if spec.mirror_of and not spec.checked_against and base != "C":
                    why = "a repost or mirror not checked against another copy"
                elif "A" in research_tiers and not is_government(url):
                    why = "not a government site"
                else:
                    why = "the lower of the research tiers"
                tier_note = f"Research tier {'/'.join(research_tiers)}; tier {tier} under the 2026-12 rule ({why})."
            lines = ("line " if len(rows) == 1 else "lines ") + ", ".join(r["line"] for r in rows)
            made.append(
                {
                    "source_id": spec.source_id,
                    "title": spec.title,
                    "publisher": spec.publisher,
                    "published": published,
                    "url": url,
                    "document": "",
                    "mirror_of": spec.mirror_of,
                    "checked_against": spec.checked_against,
                    "language": spec.language,
                    "reliability": tier,
                    "note": join_note(spec.note, tier_note, RESEARCH_SOURCE_MARK.format(lines=lines)),
                }
            )
        unused = set(by_url) - set(groups)
        if unused:
            raise SystemExit(f"SOURCES entries for URLs the research does not hold: {sorted(unused)}")
        return made

    def audit_sources(self) -> None:
        table = self.tables["sources"]
        for row in table.rows:
            if owned(row) or row["source_id"] not in SOURCE_AUDIT:
                continue
            mirror_of, checked_against, reliability = SOURCE_AUDIT[row["source_id"]]
            row.update(mirror_of=mirror_of, checked_against=checked_against, reliability=reliability)
            fixed_note = SOURCE_NOTE_FIXES.get(row["source_id"])
            if fixed_note and not row["note"].startswith(fixed_note):
                update(row, {"note": fixed_note}, table)
            if row["source_id"] in DEMOTED_SOURCES and DEMOTED not in row["note"]:
                update(row, {"note": join_note(row["note"], DEMOTED)}, table)
        known = {r["source_id"] for r in self.tables["sources"].rows}
        missing = (set(SOURCE_AUDIT) | set(DEMOTED_SOURCES) | set(SOURCE_NOTE_FIXES)) - known
        if missing:
            raise SystemExit(f"SOURCE_AUDIT names unknown sources: {sorted(missing)}")

    # --- metric definitions ----------------------------------------------------------------------------
    def metric_definitions(self) -> None:
        table = self.tables["metric_definitions"]
        for row in table.rows:
            update(row, METRIC_DEFINITION_FIXES.get(row["metric"], {}), table)
        columns = ["metric", "unit", "label_en", "label_zh", "family", "description"]
        # Every column of the table (description_zh and any later one empty, for Twins.fill), then the six made.
        made = {
            d[0]: dict.fromkeys(table.header, "") | dict(zip(columns, d, strict=True)) for d in NEW_METRIC_DEFINITIONS
        }
        present = {r["metric"] for r in table.rows}
        table.rows = [made.get(r["metric"], r) for r in table.rows] + [r for m, r in made.items() if m not in present]
        self.units = {r["metric"]: r["unit"] for r in table.rows}

    def unit(self, metric: str, line: int | str) -> str:
        if metric not in self.units:
            raise SystemExit(f"line {line}: metric '{metric}' has no definition (add it to NEW_METRIC_DEFINITIONS)")
        return self.units[metric]

    # --- facts ------------------------------------------------------------------------------------------
    def facts(self) -> tuple[list, list, list]:
        metrics, targets, statements = [], [], []
        lines = {int(r["line"]) for r in self.research}
        if set(ROWS) != lines:
            raise SystemExit(
                f"ROWS must decide every research line: missing {sorted(lines - set(ROWS))}, "
                f"unknown {sorted(set(ROWS) - lines)}"
            )
        for row in self.research:
            line = int(row["line"])
            decision = ROWS[line]
            if decision.kind == "skip":
                self.left_out[line] = decision.reason
            elif decision.kind == "metrics":
                metrics += self.metric_rows(decision, row)
            elif decision.kind == "targets":
                targets += self.target_rows(decision, row)
            else:
                statements.append(self.statement_row(decision, row))
        return metrics, targets, statements

    def metric_rows(self, d: Decision, r: dict[str, str]) -> list[dict[str, str]]:
        metric = research_metric(d, r)
        value = d.value if d.value is not None else r["value_bn_yuan"]
        qualifier = d.qualifier or r["qualifier"] or "exact"
        if qualifier == "at_least":
            raise SystemExit(f"line {r['line']}: an observation has no 'at least'; decide (size_class, over, …)")
        base = {
            "scope": r["scope"],
            "period": d.period or period_normalised(r["period"]),
            "adcode": r["adcode"],
            "definition": d.definition,
            "source_id": self.url_ids[r["url"]],
            "quote": r["quote"],
            "note": row_note(d, r),
        }
        out = []
        if value:
            out.append(dict(base, metric=metric, value=value, unit=self.unit(metric, r["line"]), qualifier=qualifier))
        if r["growth_pct"] and not d.no_growth:
            growth = f"{metric}_growth_pct"
            out.append(
                dict(
                    base, metric=growth, value=r["growth_pct"], unit=self.unit(growth, r["line"]), qualifier=d.growth_q
                )
            )
        for metric_x, period_x, value_x, qualifier_x, note_x in d.extra:
            out.append(
                dict(
                    base,
                    metric=metric_x,
                    period=period_x,
                    value=value_x,
                    qualifier=qualifier_x,
                    unit=self.unit(metric_x, r["line"]),
                    note=join_note(note_x, RESEARCH_MARK.format(line=r["line"])),
                )
            )
        if not out:
            raise SystemExit(f"line {r['line']}: a metrics row needs a value or a growth rate")
        self.where[int(r["line"])] = [
            f"metrics: {o['scope']} {o['metric']} {o['period']}" + (f" [{o['adcode']}]" if o["adcode"] else "")
            for o in out
        ]
        return out

    def target_rows(self, d: Decision, r: dict[str, str]) -> list[dict[str, str]]:
        metric = research_metric(d, r)
        value = "" if d.qualitative else (d.value if d.value is not None else r["value_bn_yuan"])
        growth = "" if d.qualitative or d.no_growth else r["growth_pct"]
        year = d.year or r["period"]
        if not re.fullmatch(r"\d{4}", year or ""):
            raise SystemExit(f"line {r['line']}: a target needs a year (else it is a statement)")
        comparator = d.comparator or COMPARATORS[r["qualifier"]]
        if not d.qualitative and not (value or growth):
            raise SystemExit(f"line {r['line']}: a target needs a value or a growth rate, or qualitative=True")
        row = {
            "target_id": d.target_id,
            "scope": r["scope"],
            "metric": metric,
            "baseline_period": "",
            "baseline_value": "",
            "target_year": year,
            "target_value": value,
            "target_value_max": d.value_max,
            "target_annual_growth_pct": growth,
            "unit": self.unit(metric, r["line"]),
            "comparator": comparator,
            "qualitative": "true" if d.qualitative else "false",
            "adcode": r["adcode"],
            "definition": d.definition,
            "plan": d.plan or PLANS.get(r["plan"], r["plan"]),
            "superseded_by": SUPERSEDED_BY.get(d.target_id, ""),
            "source_id": self.url_ids[r["url"]],
            "quote": r["quote"],
            "note": row_note(d, r),
        }
        out = [row]
        for target_id, metric_x, value_x, note_x in d.extra:
            out.append(
                dict(
                    row,
                    target_id=target_id,
                    metric=metric_x,
                    value=value_x,
                    target_value=value_x,
                    unit=self.unit(metric_x, r["line"]),
                    superseded_by=SUPERSEDED_BY.get(target_id, ""),
                    note=join_note(note_x, RESEARCH_MARK.format(line=r["line"])),
                )
            )
        for o in out:
            o.pop("value", None)
        self.where[int(r["line"])] = [f"targets: {o['target_id']}" for o in out]
        return out

    def statement_row(self, d: Decision, r: dict[str, str]) -> dict[str, str]:
        self.where[int(r["line"])] = [f"statements: {d.statement_id}"]
        return {
            "statement_id": d.statement_id,
            "scope": r["scope"],
            "adcode": r["adcode"],
            "period": d.period if d.period is not None else r["period"],
            "kind": d.statement_kind,
            "summary_en": d.summary_en,
            "summary_zh": d.summary_zh,
            "source_id": self.url_ids[r["url"]],
            "quote": r["quote"],
            "note": row_note(d, r),
        }

    def audit_metrics(self) -> list[dict[str, str]]:
        return [
            {
                "scope": "all_20",
                "metric": metric,
                "period": "2021H1",
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "adcode": "",
                "definition": "standard",
                "source_id": "wybstv-2021-07-27",
                "quote": ALL20_2021H1_QUOTE,
                "note": join_note(ALL20_2021H1_NOTE, extra, AUDIT_MARK),
            }
            for metric, value, unit, qualifier, extra in AUDIT_METRICS
        ]

    def trillion_members(self) -> list[dict[str, str]]:
        quotes = {int(r["line"]): r["quote"] for r in self.research}
        return [
            {
                "cluster_id": m["cluster_id"],
                "first_year": m["first_year"],
                "source_id": m["source_id"],
                "quote": m.get("quote") or quotes[m["quote_line"]],
                "note": join_note(m["note"], AUDIT_MARK),
            }
            for m in TRILLION_MEMBERS
        ]

    # --- run --------------------------------------------------------------------------------------------
    def run(self) -> None:
        t = self.tables
        add_columns(t)
        self.audit_sources()
        merge(t["sources"], "sources", self.sources(), self.collisions)
        self.metric_definitions()
        metrics, targets, statements = self.facts()

        set_fields(t["metrics"], "metrics", METRIC_FIXES, self.log)
        moved = set(METRICS_MOVED_OUT)
        t["metrics"].rows = [r for r in t["metrics"].rows if owned(r) or key_of("metrics", r) not in moved]
        for row in t["metrics"].rows:
            if not owned(row):
                row["definition"] = METRIC_DEFINITIONS_OF_EXISTING.get(key_of("metrics", row), row["definition"])
        merge(t["metrics"], "metrics", metrics + self.audit_metrics(), self.collisions)
        set_period_basis(t["metrics"])

        set_fields(t["targets"], "targets", {(k,): v for k, v in TARGET_FIXES.items()}, self.log)
        for row in t["targets"].rows:
            if not owned(row):
                row["definition"] = TARGET_DEFINITIONS_OF_EXISTING.get(row["target_id"], row["definition"])
        merge(t["targets"], "targets", targets, self.collisions)
        for row in t["targets"].rows:
            if row["target_id"] in SUPERSEDED_BY:
                row["superseded_by"] = SUPERSEDED_BY[row["target_id"]]

        audit_statements = [dict(s, note=join_note(s["note"], AUDIT_MARK)) for s in AUDIT_STATEMENTS]
        merge(t["statements"], "statements", statements + audit_statements, self.collisions)
        merge(t["trillion_members"], "trillion_members", self.trillion_members(), self.collisions)

        set_fields(t["cluster_regions"], "cluster_regions", CLUSTER_REGION_FIXES, self.log)
        set_fields(t["regions"], "regions", REGION_FIXES, self.log)
        self.twins.fill(t)


# ----------------------------------------------------------------------------------------------------------
# Where each figure's period comes from (metrics.period_basis; datapackage.json says what each value means).
# Every row not listed here has a quote that writes its period's year for the figure ('quote'); the validator
# checks that the year is written, and that a 'published' row's quote gives its period relative to when it was
# said (去年, 上半年, …) with a source date that makes it the period's year. Classified in the 2026-12 (second)
# audit, one row at a time, from the quote, the note and the source's publication date, and reviewed again.
# ----------------------------------------------------------------------------------------------------------

PERIOD_BASIS = {  # metrics key (scope, metric, period, adcode, source_id) -> 'published' or 'context'
    # The quote writes the year, but for another clause of the sentence than the figure's (second review).
    ("all_20", "clusters_100bn_level_count", "2023", "440100", "rpsgia-2025-01-09"): "context",
    ("smart_robots", "operating_revenue", "2024", "", "gdass-2025"): "context",
    ("software_information_services", "industry_scale", "2023", "", "258256-2024-06-17"): "context",
    ("uhd_video_display", "output_value", "2022", "440100", "gxj-gz-2023-09"): "context",
    ("manufacturing", "industry_categories_present_count", "2019", "", "seed-ceramicswin-2020"): "context",
    ("all_20", "trillion_clusters_count", "2023", "", "seed-chinadaily-2024"): "context",
    ("manufacturing", "manufacturing_categories_present_count", "2022", "", "seed-news-2023-12"): "context",
    ("manufacturing", "manufacturing_categories_ranking_first_count", "2022", "", "seed-news-2023-12"): "context",
    ("manufacturing", "share_of_national_industrial_scale_pct", "2022", "", "seed-news-2023-12"): "context",
    ("all_20", "operating_revenue", "2019", "", "southcn-2020-05-21"): "published",
    ("pillar_10", "added_value", "2021H1", "", "southcn-2021-08-18"): "context",
    ("pillar_10", "added_value_growth_pct", "2021H1", "", "southcn-2021-08-18"): "context",
    ("pillar_10", "added_value_growth_gap_vs_gdp_pp", "2021H1", "", "southcn-2021-08-18"): "context",
    ("pillar_10", "share_of_gdp_pct", "2021H1", "", "southcn-2021-08-18"): "context",
    ("all_20", "clusters_growing_faster_than_gdp_count", "2021H1", "", "southcn-2021-08-18"): "context",
    ("province", "gdp", "2021H1", "", "southcn-2021-08-18"): "published",
    ("province", "gdp_growth_pct", "2021H1", "", "southcn-2021-08-18"): "published",
    ("emerging_10", "operating_revenue", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("emerging_10", "operating_revenue_growth_pct", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("all_20", "trillion_clusters_count", "2021", "", "nfapp-2022-12-15"): "context",
    ("all_20", "trillion_clusters_count", "2021", "", "chinadaily-2022-09-01"): "context",
    ("all_20", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "published",
    ("all_20", "share_of_gdp_pct", "2022Q1", "", "chinadevelopment-2022-04"): "published",
    ("pillar_10", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "published",
    ("emerging_10", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "published",
    ("all_20", "trillion_clusters_count", "2024", "", "qq-2025-03-06"): "context",
    ("smart_home_appliances", "added_value", "2021H1", "", "southcn-2021-08-18"): "published",
    ("smart_home_appliances", "added_value_growth_pct", "2021H1", "", "southcn-2021-08-18"): "published",
    ("smart_home_appliances", "enterprises_count", "2021H1", "", "southcn-2021-08-18"): "published",
    ("automobiles", "added_value", "2021H1", "", "southcn-2021-08-18"): "published",
    ("automobiles", "added_value_growth_pct", "2021H1", "", "southcn-2021-08-18"): "published",
    (
        "blockchain_quantum",
        "patent_applications_share_of_national_pct",
        "2023",
        "",
        "zhsme-blockchain-plan-2024",
    ): "context",
    ("blockchain_quantum", "blockchain_service_filings_count", "2023", "", "zhsme-blockchain-plan-2024"): "context",
    ("advanced_materials", "green_steel_output_value", "2025", "440800", "movesh-2026-01-15"): "context",
    ("all_20", "trillion_clusters_count", "2022", "", "sqcfn-2023-01-12"): "context",
    ("all_20", "trillion_clusters_count", "2023", "", "chinanews-repost-2024-01-20"): "context",
    ("all_20", "share_of_gdp_pct", "2023", "", "chinanews-repost-2024-01-20"): "context",
    ("all_20", "trillion_clusters_count", "2023", "", "cmyuxie-2024-06-11"): "context",
    ("all_20", "clusters_500bn_to_1tn_count", "2023", "", "cmyuxie-2024-06-11"): "context",
    ("all_20", "clusters_100bn_to_500bn_count", "2023", "", "cmyuxie-2024-06-11"): "context",
    ("all_20", "clusters_10bn_level_count", "2023", "", "cmyuxie-2024-06-11"): "context",
    ("all_20", "trillion_clusters_count", "2023", "", "97359-2024-11-26"): "context",
    ("all_20", "traditional_trillion_clusters_count", "2024", "", "hnxfqy-2025-02-05"): "context",
    ("all_20", "trillion_clusters_count", "2024", "", "cinic-2025-10-22"): "context",
    ("all_20", "trillion_clusters_count", "2020", "", "cinic-2025-10-22"): "context",
    ("all_20", "trillion_clusters_count", "2025", "", "ycwb-mirror-2026-02-24"): "context",
    ("all_20", "trillion_clusters_count", "2025", "", "wn-2026-02-24"): "context",
    ("all_20", "pan_home_furnishing_output_value", "2022", "440600", "cctv-2023-03-20"): "context",
    ("all_20", "clusters_100bn_level_count", "2025", "440600", "yingtianhong-2025-12-17"): "context",
    ("all_20", "clusters_output_over_100bn_count", "2025", "440700", "apcreports-2026-01-05"): "context",
    ("all_20", "industry_chains_output_over_50bn_count", "2025", "440700", "apcreports-2026-01-05"): "context",
    ("all_20", "electrical_machinery_output_value", "2025", "441900", "eastmoney-2025-12-29"): "context",
    ("all_20", "national_advanced_manufacturing_clusters_count", "2025", "441900", "eastmoney-2025-12-29"): "context",
    ("automobiles", "vehicle_manufacturing_added_value", "2021H1", "", "southcn-2021-08-18"): "published",
    ("automobiles", "vehicle_manufacturing_added_value_growth_pct", "2021H1", "", "southcn-2021-08-18"): "published",
    ("automobiles", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "context",
    ("automobiles", "vehicle_output", "2022Q1-Q3", "", "022china-2022-10-31"): "published",
    ("automobiles", "vehicle_output_growth_pct", "2022Q1-Q3", "", "022china-2022-10-31"): "published",
    ("automobiles", "output_value", "2022M01-M11", "440100", "xjnnet-2023-01-10"): "context",
    ("automobiles", "output_value_growth_pct", "2022M01-M11", "440100", "xjnnet-2023-01-10"): "context",
    ("automobiles", "vehicle_output", "2022M01-M11", "440100", "xjnnet-2023-01-10"): "context",
    ("automobiles", "vehicle_output_growth_pct", "2022M01-M11", "440100", "xjnnet-2023-01-10"): "context",
    ("automobiles", "nev_output", "2022M01-M11", "440100", "xjnnet-2023-01-10"): "context",
    ("automobiles", "nev_output_growth_pct", "2022M01-M11", "440100", "xjnnet-2023-01-10"): "context",
    ("blockchain_quantum", "registered_blockchain_enterprises_count", "2020", "", "berlearn-2020-10-21"): "context",
    ("digital_creativity", "above_scale_enterprises_count", "2021H1", "", "yourcotton-2021-08-23"): "published",
    ("electronic_information", "added_value", "2023", "440300", "zuizhijiaoyu-2024-szgov-jp"): "context",
    ("electronic_information", "added_value_growth_pct", "2023", "440300", "zuizhijiaoyu-2024-szgov-jp"): "context",
    ("electronic_information", "added_value", "2024H1", "441900", "sun0769-2024-08-23"): "published",
    ("electronic_information", "added_value_growth_pct", "2024H1", "441900", "sun0769-2024-08-23"): "published",
    ("electronic_information", "industry_scale", "2025", "441900", "eastmoney-2025-12-29"): "context",
    ("frontier_new_materials", "operating_revenue_growth_pct", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("frontier_new_materials", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "context",
    ("green_petrochemicals", "refining_capacity", "2020", "", "process-worldwide-2020"): "context",
    ("green_petrochemicals", "ethylene_capacity", "2020", "", "process-worldwide-2020"): "context",
    ("green_petrochemicals", "aromatics_capacity", "2020", "", "process-worldwide-2020"): "context",
    ("green_petrochemicals", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "context",
    ("green_petrochemicals", "operating_revenue_growth_pct", "2023", "", "zachmalone-2024"): "context",
    ("green_petrochemicals", "total_profit_growth_pct", "2023", "", "zachmalone-2024"): "context",
    ("green_petrochemicals", "output_value", "2025", "440800", "movesh-2026-01-15"): "context",
    ("green_petrochemicals", "output_value", "2025", "441300", "timedg-2025-12-11"): "context",
    ("green_petrochemicals", "refining_capacity", "2025", "441300", "timedg-2025-12-11"): "context",
    ("green_petrochemicals", "ethylene_capacity", "2025", "441300", "timedg-2025-12-11"): "context",
    ("high_end_equipment", "operating_revenue_growth_pct", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("high_end_equipment", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "context",
    ("pillar_10", "share_of_gdp_pct", "2023", "", "ytjhdl-2024"): "context",
    ("semiconductors_ic", "integrated_circuit_output_growth_pct", "2021", "", "scfju-2022"): "context",
    ("semiconductors_ic", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "context",
    ("semiconductors_ic", "integrated_circuit_output_growth_pct", "2024", "", "wqcgm-2025"): "context",
    ("smart_home_appliances", "added_value_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "context",
    (
        "smart_home_appliances",
        "home_appliance_exports_growth_pct",
        "2024H1",
        "",
        "gzdaily-repost-2024-11-22",
    ): "published",
    ("smart_robots", "industrial_robot_output_growth_pct", "2021", "", "scfju-2022"): "context",
    ("smart_robots", "operating_revenue_growth_pct", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("smart_robots", "industrial_robot_output_growth_pct", "2022Q1", "", "chinadevelopment-2022-04"): "published",
    ("smart_robots", "industrial_robot_output_growth_pct", "2024H1", "", "chinanews-repost-2024-07"): "published",
    ("smart_robots", "industrial_robot_output", "2025M01-M10", "", "stcn-2025-12-10"): "published",
    ("smart_robots", "industrial_robot_output", "2025Q1", "", "eastmoney-2025-06-robots-q1"): "published",
    ("smart_robots", "output_value", "2024", "440300", "hkcd-2025-04-25"): "context",
    ("smart_robots", "output_value_growth_pct", "2024", "440300", "hkcd-2025-04-25"): "context",
    ("smart_robots", "industrial_robot_output_growth_pct", "2024", "440600", "mingpao-2025-09-22"): "published",
    ("software_information_services", "software_business_revenue", "2020", "", "reportify-2026-01-20"): "context",
    (
        "software_information_services",
        "software_business_revenue_growth_pct",
        "2021Q1",
        "",
        "gdii-2021-04-24",
    ): "context",
    ("software_information_services", "software_business_revenue_growth_pct", "2024", "", "lwxqpzq-2025-01"): "context",
    ("software_information_services", "software_business_revenue", "2024M01-M04", "", "258256-2024-06-17"): "published",
    (
        "software_information_services",
        "software_business_revenue_growth_pct",
        "2024M01-M04",
        "",
        "258256-2024-06-17",
    ): "published",
    ("software_information_services", "software_business_revenue", "2025", "", "reportify-2026-01-20"): "context",
    (
        "software_information_services",
        "software_revenue_of_firms_over_100m",
        "2023",
        "440100",
        "gxj-gz-2024-cppcc-reply",
    ): "context",
    (
        "software_information_services",
        "software_revenue_of_firms_over_100m_growth_pct",
        "2023",
        "440100",
        "gxj-gz-2024-cppcc-reply",
    ): "context",
    ("uhd_video_display", "industry_scale", "2022", "", "people-en-2023-05-15"): "context",
    ("uhd_video_display", "operating_revenue", "2024", "", "itiger-2025-12-24"): "published",
    ("uhd_video_display", "operating_revenue", "2025", "", "ycwb-mirror-2026-02-24"): "context",
    ("all_20", "added_value", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("all_20", "share_of_gdp_pct", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("all_20", "added_value_growth_pct", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("all_20", "enterprises_count", "2021H1", "", "wybstv-2021-07-27"): "context",
    ("all_20", "added_value_growth_gap_vs_gdp_pp", "2021H1", "", "wybstv-2021-07-27"): "context",
}
PERIOD_BASES = ("quote", "published", "context")


def set_period_basis(metrics: CsvTable) -> None:
    for row in metrics.rows:
        row["period_basis"] = PERIOD_BASIS.get(key_of("metrics", row), "quote")


# ----------------------------------------------------------------------------------------------------------
# Checks: the contract rules (datapackage.json) the validator is being taught, run before anything is written.
# ----------------------------------------------------------------------------------------------------------

PERIOD = re.compile(r"^\d{4}(H[12]|Q[1-4]|Q1-Q[234]|M(0[1-9]|1[0-2])-M(0[1-9]|1[0-2]))?$")
STATEMENT_PERIOD = re.compile(r"^(\d{4}(H[12]|Q[1-4]|Q1-Q[234]|M(0[1-9]|1[0-2])-M(0[1-9]|1[0-2])|-\d{4})?)?$")
DEFINITIONS = ("standard", "city_own", "segment", "wider", "other_plan")


def check(tables: dict[str, CsvTable]) -> list[str]:
    problems = []
    sources = {r["source_id"]: r for r in tables["sources"].rows}
    for r in tables["sources"].rows:
        if r["reliability"] == "A" and (r["mirror_of"] or not is_government(r["url"])):
            problems.append(f"sources {r['source_id']}: tier A needs a government site's own page")
        if r["mirror_of"] and r["reliability"] == "B" and not r["checked_against"]:
            problems.append(f"sources {r['source_id']}: a mirror is B only when checked_against is filled")
        if r["language"] not in ("en", "zh", "fr", "ja"):
            problems.append(f"sources {r['source_id']}: language {r['language']}")
    units = {r["metric"]: r["unit"] for r in tables["metric_definitions"].rows}
    for metric, unit in units.items():
        for suffix, expected in (("_pct", "pct"), ("_pp", "pp")):
            if metric.endswith(suffix) and unit != expected:
                problems.append(f"metric_definitions {metric}: unit {unit}, expected {expected}")
    scopes = {r["cluster_id"] for r in tables["clusters"].rows} | {r["scope"] for r in tables["scopes"].rows}
    for name in ("metrics", "targets", "statements"):
        for r in tables[name].rows:
            if r["source_id"] not in sources:
                problems.append(f"{name}: unknown source {r['source_id']}")
            if r["scope"] not in scopes:
                problems.append(f"{name}: unknown scope {r['scope']}")
            if name != "statements":
                if units.get(r["metric"]) != r["unit"]:
                    problems.append(f"{name}: {r['metric']} unit {r['unit']} vs {units.get(r['metric'])}")
                if r["definition"] not in DEFINITIONS:
                    problems.append(f"{name}: definition {r['definition']}")
    for r in tables["metrics"].rows:
        if not PERIOD.match(r["period"]):
            problems.append(f"metrics: period {r['period']}")
        if r["period_basis"] not in PERIOD_BASES:
            problems.append(f"metrics: period_basis {r['period_basis']}")
        if r["qualifier"] not in ("exact", "about", "nearly", "over", "under", "size_class"):
            problems.append(f"metrics: qualifier {r['qualifier']}")
        float(r["value"])
    keys = {key_of("metrics", r) for r in tables["metrics"].rows}
    problems += [f"PERIOD_BASIS: no metrics row {key}" for key in PERIOD_BASIS if key not in keys]
    for r in tables["statements"].rows:
        if not STATEMENT_PERIOD.match(r["period"]):
            problems.append(f"statements: period {r['period']}")
    targets = {r["target_id"]: r for r in tables["targets"].rows}
    for r in targets.values():
        between, top = r["comparator"] == "between", r["target_value_max"]
        if between != bool(top) or (top and float(top) < float(r["target_value"])):
            problems.append(f"targets {r['target_id']}: range {r['target_value']}..{top} with {r['comparator']}")
        successor, seen = r["superseded_by"], {r["target_id"]}
        while successor:
            later = targets.get(successor)
            if later is None or successor in seen:
                problems.append(f"targets {r['target_id']}: superseded_by {successor} missing or cyclic")
                break
            if (later["scope"], later["adcode"]) != (r["scope"], r["adcode"]):
                problems.append(f"targets {r['target_id']}: successor {successor} has another scope or city")
            seen.add(successor)
            successor = later["superseded_by"]
    for r in tables["trillion_members"].rows:
        if r["source_id"] not in sources:
            problems.append(f"trillion_members: unknown source {r['source_id']}")
    return problems


# ----------------------------------------------------------------------------------------------------------
# Save
# ----------------------------------------------------------------------------------------------------------


def report_text(importer: Importer, research: list[dict[str, str]]) -> str:
    lines = [
        "# Import of figures-2026.csv (2026-12)",
        "",
        "Written by `scripts/import_figures_2026.py`; do not edit by hand (rerun the script). It accounts for every "
        "row of `shared/research/figures-2026.csv` (228 rows; tier D was already left out by the research): where "
        "it went, or why it was left out. Rows this script made carry `[figures-2026.csv line N]` (or "
        "`[2026-12 audit]`) at the end of their `note`.",
        "",
        "## Rows left out",
        "",
    ]
    if importer.left_out:
        lines += [f"- line {line}: {reason}" for line, reason in sorted(importer.left_out.items())]
    else:
        lines.append("- none")
    if importer.collisions:
        lines += ["", "## Made rows left out because a hand-made row holds the same key", ""]
        lines += [f"- {c}" for c in importer.collisions]
    lines += [
        "",
        "## Where each research row went",
        "",
        "| line | scope | tier | destination |",
        "| --- | --- | --- | --- |",
    ]
    for row in research:
        line = int(row["line"])
        where = "; ".join(importer.where.get(line, [])) or f"left out: {importer.left_out.get(line, '?')}"
        lines.append(
            f"| {line} | {row['scope']}{' ' + row['adcode'] if row['adcode'] else ''} | {row['tier']} | {where} |"
        )
    counts: dict[str, int] = {}
    for destinations in importer.where.values():
        for item in destinations:
            counts[item.split(":")[0]] = counts.get(item.split(":")[0], 0) + 1
    lines += [
        "",
        "## Totals",
        "",
        f"- research rows: {len(research)}; imported: {len(importer.where)}; left out: {len(importer.left_out)}",
        "- rows made from them: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
        "- audit rows (not from the research): metrics "
        f"{len(AUDIT_METRICS)} (all_20 2021H1), statements {len(AUDIT_STATEMENTS)}, trillion_members "
        f"{len(TRILLION_MEMBERS)}",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--research", type=Path, default=DEFAULT_RESEARCH, help="figures-2026.csv")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data folder")
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    args = parser.parse_args(argv)

    research, tables = load(args.research, args.data)
    importer = Importer(research, tables)
    importer.run()
    problems = check(tables)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for line, reason in sorted(importer.left_out.items()):
        print(f"left out: line {line}: {reason}")
    for collision in importer.collisions:
        print(f"left out: {collision}")
    for entry in importer.log:
        print(f"note: {entry}")
    if args.dry_run:
        return 0
    descriptor = json.loads((args.data / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    for name, table in tables.items():
        path = args.data / paths.get(name, f"{name}.csv")
        path.write_text(csv_text(table), encoding="utf-8", newline="")
    (args.data / REPORT_NAME).write_text(report_text(importer, research), encoding="utf-8", newline="")
    print(", ".join(f"{name} {len(t.rows)}" for name, t in tables.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
