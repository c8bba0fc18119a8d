"""Region and administrative level of a document's issuers, from the division codes that the cpca package ships.

cpca (PyPI) carries ``resources/adcodes.csv``: every province, prefecture and county of China with its 12-digit
code. Only that data file is read; cpca's own module (which needs pandas) is not imported.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .records import Level

_SKIP_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Organs of the central state: no division in their name, level national.
NATIONAL_ORGANS = ("国务院", "中共中央", "全国人大", "全国人民代表大会", "最高人民法院", "最高人民检察院", "中华人民共和国",
                   "国家", "中国人民银行", "中国证券监督管理委员会", "海关总署", "审计署")
# A ministry named without a place (人力资源社会保障部, 公安部, 住房和城乡建设部): an organ of the State Council.
# A province's or a city's organs are 厅, 局 and 委员会 named with their place, found as divisions before this.
_MINISTRY = re.compile(r"^(?!.*[省市县区州盟旗委])[\u4e00-\u9fff]{1,10}部$")


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str

    @property
    def level(self) -> Level:
        if self.code[2:6] == "0000":
            return "provincial"
        if self.code[4:6] == "00":
            return "municipal"
        return "district" if self.name.endswith("区") else "county"


@dataclass(frozen=True, slots=True)
class Divisions:
    by_code: dict[str, Division]
    by_name: dict[str, list[Division]]
    pattern: re.Pattern[str]

    def chain(self, d: Division) -> list[Division]:
        """The division and its parents, top first, skipping placeholder names such as 市辖区."""
        codes = [d.code[:2] + "0" * 10, d.code[:4] + "0" * 8, d.code]
        out = []
        for c in dict.fromkeys(codes):
            p = self.by_code.get(c)
            if p is not None and p.name not in _SKIP_NAMES:
                out.append(p)
        return out


def _csv_path() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (administrative division codes) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@functools.cache
def load() -> Divisions:
    """Load the division table once."""
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[Division]] = {}
    with open(_csv_path(), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            d = Division(row["adcode"], row["name"])
            by_code[d.code] = d
            if d.name not in _SKIP_NAMES and len(d.name) >= 2:
                by_name.setdefault(d.name, []).append(d)
    names = sorted(by_name, key=len, reverse=True)
    # ~3,600 literal names, longest first: stdlib re compiles the alternation several times faster than regex
    return Divisions(by_code, by_name, re.compile("|".join(map(re.escape, names))))


def region_of(issuers: Sequence[str], context: str = "") -> tuple[str | None, str | None, Level | None]:
    """Region name, division code and level of a document from its issuing organs.

    The most specific division named by any issuer wins; a name shared by several divisions is decided by the
    parents named in the issuers or in ``context`` (the document text).

    >>> region_of(["焦作市人力资源和社会保障局"])
    ('河南省焦作市', '410800000000', 'municipal')
    >>> region_of(["新密市人民政府"])
    ('河南省郑州市新密市', '410183000000', 'county')
    >>> region_of(["中共河南省委组织部", "河南省财政厅"])
    ('河南省', '410000000000', 'provincial')
    """
    db = load()
    found: list[Division] = []
    for organ in issuers:
        for m in db.pattern.finditer(organ.replace("中共", "")):
            found.extend(db.by_name[m.group(0)])
    if not found:
        if any(o.startswith(NATIONAL_ORGANS) or _MINISTRY.match(o) for o in issuers):
            return "中国", None, "national"
        return None, None, None
    names_seen = "".join(issuers) + context[:3000]

    def score(d: Division) -> tuple[int, int, int]:
        parents = [p.name for p in db.chain(d)[:-1]]
        depth = {"provincial": 0, "municipal": 1, "county": 2, "district": 2}[d.level]
        return (sum(p in names_seen for p in parents), depth, -int(d.code))

    # only divisions consistent with the others found: same province
    best = max(found, key=score)
    chain = db.chain(best)
    return "".join(p.name for p in chain), best.code, best.level


def named_city(text: str, kind: str) -> str | None:
    """The city (``kind`` 市) or province (省) that ``text`` names most often, the first named on a tie: the place
    of an organ printed without it (市人社局 in a document of 福州市). A 直辖市 is a city here.

    >>> named_city("福州市人民政府关于印发福州市…的通知。根据福建省人民政府办公厅…", "市")
    '福州市'
    >>> named_city("根据福建省人民政府办公厅…", "省"), named_city("北京市人力资源和社会保障局", "市")
    ('福建省', '北京市')
    """
    db = load()
    counts: dict[str, int] = {}
    for m in db.pattern.finditer(text):
        name = m.group(0)
        if name.endswith(kind) and any(d.level in ("provincial", "municipal") for d in db.by_name[name]):
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else None  # max keeps the first of equal counts
