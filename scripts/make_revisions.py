#!/usr/bin/env python3
"""Write synthetic revisions of corpus documents and their expected diffs, known by construction.

For each revision: the revised document ``golden/diffs/synthetic/<name>.txt`` (the original document's lines, edited
inside lines so that the layout stays as parseable as the original) and the expected diff ``golden/diffs/<name>.json``
in the format of ``golden/diffs/README.md``.

The parser is used only to find the article structure of the ORIGINAL documents (which lines hold which article, and
their numbering labels). Every alignment entry and every change follows from the edits applied here: an article whose
text was edited is ``modified``, one whose label was changed is ``renumbered``, two merged into one are each
``merged``, and so on (the statuses of golden/diffs/README.md). Parameter values are written
next to the edit that makes them, normalized as in ``shared/golden-format.md``.

Run: python scripts/make_revisions.py [--out DIR]   (tests/test_revisions_script.py checks the files are current)
"""

from __future__ import annotations

import argparse
import bisect
import functools
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cn2an
from pydantic import BaseModel

from extractor.pipeline import parse_file
from extractor.records import Document, Section
from extractor.records.evaluation import ChangeValue, GoldAlignment, GoldChange, GoldDiff, GoldSource
from extractor.records.vocab import ChangeKind, PairStatus

__all__ = ["REVISIONS", "main", "revision_to_files"]

ROOT = Path(__file__).resolve().parent.parent
DIFFS = ROOT / "golden" / "diffs"
SYNTHETIC = "synthetic"  # sub-folder of DIFFS that holds the revised texts; this script owns it

COMPENDIUM = "corpus/texts/004_a7a4461144ba7e7b.txt"
JIAOZUO = "corpus/texts/001_e001dd900bee0134.txt"  # 焦作 推动高质量就业工作的若干措施: articles 一…五
XINMI = "corpus/texts/003_65af231806fc8ace.txt"  # 新密 关于进一步做好稳就业工作的实施意见: articles 一…七

# Markers of the levels that hold articles (第X编/章/节) and of the 条 themselves (see extractor/segment/numbering.py).
CONTAINER_MARKERS = ("bian", "zhang", "jie")
TIAO = "tiao"

Status = PairStatus
Kind = ChangeKind
Value = ChangeValue


# ---- the gold diff format (golden/diffs/README.md): the models eval reads golden diffs with ---------------

DocRef = GoldSource
AlignEntry = GoldAlignment
Change = GoldChange


# ---- the original documents -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Original:
    """An original document: its lines (as in the file) and where it sits in the file."""

    path: str
    lines: tuple[str, ...]
    first: int  # 1-based file line of ``lines[0]``
    compendium: bool  # the file holds several documents: the reference names the lines
    doc: Document

    @property
    def ref(self) -> DocRef:
        last = self.first + len(self.lines) - 1
        return DocRef(path=self.path, lines=(self.first, last) if self.compendium else None)


@functools.cache
def _parsed(path: str) -> tuple[Document, ...]:
    return tuple(parse_file(ROOT / path))


def load_original(path: str, index: int = 0) -> Original:
    """The ``index``-th document of a corpus file (0-based, in file order)."""
    docs = _parsed(path)
    doc = docs[index]
    file_lines = (ROOT / path).read_text(encoding="utf-8").split("\n")
    if len(docs) == 1:
        return Original(path, tuple(file_lines), 1, False, doc)
    first, last = doc.source.lines
    return Original(path, tuple(file_lines[first - 1 : last]), first, True, doc)


def _walk(sections: Sequence[Section]) -> Iterator[Section]:
    for s in sections:
        yield s
        yield from _walk(s.children)


def _articles_and_containers(doc: Document) -> tuple[list[Section], list[Section]]:
    """The articles (every 第X条 when there are any, else the top-level sections) and the levels above them."""
    if not any(s.marker == TIAO for s in _walk(doc.sections)):
        return list(doc.sections), []
    articles: list[Section] = []
    containers: list[Section] = []

    def visit(sections: Sequence[Section]) -> None:
        for s in sections:
            if s.marker == TIAO:  # an article; what is inside it (1. （1） 一是) belongs to it
                articles.append(s)
            else:
                if s.marker in CONTAINER_MARKERS:
                    containers.append(s)
                visit(s.children)

    visit(doc.sections)
    return articles, containers


def _last_line(doc: Document, section: Section) -> int:
    """The file line holding the last character of ``section``."""
    offsets = [loc.offset for loc in doc.locations]
    return doc.locations[bisect.bisect_right(offsets, section.span[1] - 1) - 1].line


# ---- the working copy -----------------------------------------------------------------------------------


@dataclass
class Article:
    """An article of the original and what the edits did to it."""

    path: str  # path in A
    num: str  # label as printed in A: 第十七条, 二
    marker: str
    lines: list[str]  # its lines in the current revision: from its label to the next article or heading
    original: tuple[str, ...]
    b_num: str | None  # label in B; None once removed
    edited: bool = False
    added: bool = False

    @property
    def parent(self) -> str:
        return self.path.rsplit("/", 1)[0] + "/" if "/" in self.path else ""

    @property
    def b_path(self) -> str | None:
        return None if self.b_num is None else self.parent + self.b_num

    def status(self) -> Status:
        if self.added:
            return "added"
        if self.b_num is None:
            return "removed"
        if self.edited:
            return "modified"
        return "renumbered" if self.b_num != self.num else "unchanged"


Segment = Article | list[str]  # an article, or lines outside any article (head, chapter headings, signature…)


@dataclass
class Draft:
    """A revision in progress: the original's lines cut into article and non-article segments."""

    original: Original
    segments: list[Segment]
    articles: list[Article]  # in A order, added ones after the article they follow
    # parameter changes made so far, each with its article; sections are filled in at the end, after renumbering
    changes: list[tuple[Article, Change]] = field(default_factory=list)

    def article(self, path: str) -> Article:
        found = [a for a in self.articles if a.path == path and not a.added]
        assert len(found) == 1, f"{self.original.path}: no single article {path!r}"
        return found[0]

    def replace(self, path: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` inside one line of the article."""
        art = self.article(path)
        hits = [i for i, line in enumerate(art.lines) if old in line]
        assert len(hits) == 1 and art.lines[hits[0]].count(old) == 1, f"{path}: {old!r} is not unique"
        art.lines[hits[0]] = art.lines[hits[0]].replace(old, new)
        art.edited = True

    def change(
        self, path: str, kind: Kind, a_quote: str, b_quote: str, a_value: Value, b_value: Value, benefit: str
    ) -> None:
        """Rewrite ``a_quote`` as ``b_quote`` in the article: a ``changed`` parameter."""
        self.replace(path, a_quote, b_quote)
        change = Change(
            change="changed", kind=kind, a_value=a_value, b_value=b_value, benefit=benefit, a_quote=a_quote, b_quote=b_quote
        )
        self.changes.append((self.article(path), change))

    def add_group(self, path: str, context: str, after: str, group: str) -> None:
        """Insert ``、group`` after ``after`` inside ``context`` (which makes the place unique): an ``added`` group."""
        assert after in context
        self.replace(path, context, context.replace(after, f"{after}、{group}", 1))
        self.changes.append((self.article(path), Change(change="added", kind="group", b_value=group, b_quote=group)))

    def relabel(self, art: Article, num: str) -> None:
        """Print ``num`` instead of the article's current label at the start of its first line."""
        current = art.b_num
        assert current is not None and art.lines[0].startswith(current), f"{art.path}: label {current!r} not found"
        art.lines[0] = num + art.lines[0][len(current) :]
        art.b_num = num

    def renumber_after(self, art: Article, delta: int) -> None:
        """Shift by ``delta`` the labels of every article after ``art`` in B order, at the same marker."""
        later = self.b_order()
        for other in later[later.index(art) + 1 :]:
            if other.marker == art.marker and other.b_num is not None:
                self.relabel(other, shift_label(other.b_num, other.marker, delta))

    def delete(self, path: str) -> None:
        """Drop a whole article (its lines up to the next article or heading) and renumber the ones after it."""
        art = self.article(path)
        self.renumber_after(art, -1)
        self.segments.remove(art)
        art.b_num = None

    def swap(self, first: str, second: str) -> None:
        """Exchange two articles' places and labels, so that the numbering stays in order."""
        a, b = self.article(first), self.article(second)
        i, j = self.segments.index(a), self.segments.index(b)
        self.segments[i], self.segments[j] = b, a
        na, nb = a.b_num, b.b_num
        assert na is not None and nb is not None
        self.relabel(a, nb)
        self.relabel(b, na)

    def merge(self, first: str, second: str) -> None:
        """Append the second article's text, without its label and run-in heading, to the first's last line;
        drop the second and renumber the articles after it."""
        a, b = self.article(first), self.article(second)
        assert b.b_num is not None
        head = b.lines[0]
        # a run-in heading: "八、开展离校未就业服务专项行动。教育、…" -> drop "八、" and the heading up to its "。"
        prefix = b.b_num + "、"
        assert head.startswith(prefix) and "。" in head, f"{second}: no run-in heading"
        body = head[head.index("。") + 1 :]
        assert 0 < head.index("。") < 40, f"{second}: heading too long to be a run-in heading"
        last = max(i for i, line in enumerate(a.lines) if line.strip())
        a.lines[last] += body
        # the second's wrapped lines follow; the first keeps its own trailing blank lines
        rest = b.lines[1:]
        while rest and not rest[-1].strip():
            rest.pop()
        a.lines[last + 1 : last + 1] = rest
        a.edited = b.edited = True
        self.renumber_after(b, -1)
        self.segments.remove(b)
        b.b_num = a.b_num

    def insert_after(self, path: str, num: str, text_lines: Sequence[str]) -> Article:
        """Insert a new article after ``path``, labelled ``num``, and renumber the ones after it."""
        prev = self.article(path)
        new = Article(
            path=prev.parent + num,
            num=num,
            marker=prev.marker,
            lines=list(text_lines),
            original=(),
            b_num=num,
            added=True,
        )
        self.renumber_after(prev, +1)
        self.segments.insert(self.segments.index(prev) + 1, new)
        self.articles.insert(self.articles.index(prev) + 1, new)
        return new

    def b_order(self) -> list[Article]:
        return [s for s in self.segments if isinstance(s, Article)]


def shift_label(num: str, marker: str, delta: int) -> str:
    """The label ``delta`` steps after ``num`` in the same style, printed as the corpus prints it.

    >>> shift_label("第十七条", "tiao", -1)
    '第十六条'
    >>> shift_label("第二十一条", "tiao", -1)
    '第二十条'
    >>> shift_label("十", "cn", -1)
    '九'
    >>> shift_label("十三", "cn", 1)
    '十四'
    """
    core = num[1:-1] if marker == TIAO else num
    n = int(cn2an.cn2an(core, "normal"))
    assert cn2an.an2cn(str(n)) == core, f"label {num!r} is not printed the usual way"
    new = cn2an.an2cn(str(n + delta))
    return f"第{new}条" if marker == TIAO else new


def original_to_draft(original: Original) -> Draft:
    """Cut the original's lines at every article and every heading above articles."""
    articles, containers = _articles_and_containers(original.doc)
    starts = sorted({s.line - original.first for s in articles + containers})
    segments: list[Segment] = []
    drafts: list[Article] = []
    pos = 0
    for s in articles:
        start = s.line - original.first
        nxt = [k for k in starts if k > start]
        if nxt:
            end = nxt[0]
        else:  # the last article: its text, then the blank lines after it
            end = _last_line(original.doc, s) - original.first + 1
            while end < len(original.lines) and not original.lines[end].strip():
                end += 1
        if pos < start:
            segments.append(list(original.lines[pos:start]))
        assert original.lines[start].startswith(s.num), f"{s.path}: line {s.line} does not start with its label"
        art = Article(
            path=s.path,
            num=s.num,
            marker=s.marker,
            lines=list(original.lines[start:end]),
            original=original.lines[start:end],
            b_num=s.num,
        )
        segments.append(art)
        drafts.append(art)
        pos = end
    if pos < len(original.lines):
        segments.append(list(original.lines[pos:]))
    return Draft(original, segments, drafts)


def draft_to_lines(draft: Draft) -> list[str]:
    out: list[str] = []
    for seg in draft.segments:
        out.extend(seg.lines if isinstance(seg, Article) else seg)
    return out


def draft_to_changes(draft: Draft) -> list[Change]:
    """The parameter changes in the order they were made, with the sections their articles have in A and B."""
    out = []
    for art, change in draft.changes:
        sections = {"b_section": art.b_path}
        if change.a_quote is not None:  # an added parameter has no A side
            sections["a_section"] = art.path
        out.append(change.model_copy(update=sections))
    return out


def draft_to_alignment(draft: Draft) -> list[AlignEntry]:
    """Every article of A in order (added ones where they were inserted), with its B path and status; articles of
    A that share their B path were merged into it."""
    kept = [art.b_path for art in draft.articles if not art.added and art.b_path is not None]

    def status(art: Article) -> Status:
        return "merged" if art.b_path is not None and not art.added and kept.count(art.b_path) > 1 else art.status()

    return [AlignEntry(a=None if art.added else art.path, b=art.b_path, status=status(art)) for art in draft.articles]


# ---- the revisions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """A named set of edits to one original document."""

    name: str
    source: str  # corpus file
    index: int  # document in the file (0-based)
    edit: Callable[[Draft], None]  # applies the edits to the draft
    summary: str


def _amount_raised(d: Draft) -> None:
    # 第八条 贷款额度: "财政贴息的创业担保贷款额度，个人最高不超过 20 万元" -> 30 万元
    d.change("第二章/第八条", "money", "个人最高不超过 20 万元", "个人最高不超过 30 万元", 200000, 300000, "财政贴息的创业担保贷款")


def _group_added(d: Draft) -> None:
    # measure 6 (under 二): "对下岗失业人员、高校毕业生、农民工、就业困难人员等重点群体从事个体经营的"
    d.add_group("二", "农民工、就业困难人员等重点群体", "就业困难人员", "退役军人")


def _article_deleted(d: Draft) -> None:
    # 第十六条 (第三章 第二节 受理, between 第十五条 and 第十七条): "受理人员发现申请人弄虚作假的，不予受理，列入黑名单。"
    d.delete("第三章/第二节/第十六条")


def _articles_renumbered(d: Draft) -> None:
    # 一、总体要求 has no sub-items and 二 holds （一）…（四）: after the swap the （一）…（二十六） run stays in order.
    d.swap("一", "二")


def _articles_merged(d: Draft) -> None:
    # 七、开展毕业生档案转递接收服务专项行动 + 八、开展离校未就业服务专项行动 -> one 七; 九…十三 become 八…十二
    d.merge("七", "八")


def _amount_and_rate(d: Draft) -> None:
    # measure 3 (under 一) 就业见习补贴 and measure 6 (under 二) 一次性开业补贴
    d.change("一", "percent", "当地最低工资标准的 70%", "当地最低工资标准的 80%", 70, 80, "就业见习补贴")
    d.change("二", "money", "一次性开业补贴 5000 元", "一次性开业补贴 6000 元", 5000, 6000, "一次性开业补贴")


NEW_ARTICLE = (
    "十三、加强政策宣传解读。各地、各部门要通过新闻发布、政策进校园、网络直播等方式，广泛宣传支持高校毕业生等青年"
    "就业创业的政策措施，对吸纳离校未就业高校毕业生就业成效突出的中小微企业，按规定给予2000元的一次性奖励。"
    "（省人力资源社会保障厅、教育厅、财政厅等按职责分工负责）",
    "",
)


def _article_added(d: Draft) -> None:
    # a new 十三 between 十二 and 十三 (which becomes 十四); between two versions its rule is a rule added, with its number
    new = d.insert_after("十二", "十三", NEW_ARTICLE)
    d.changes.append((new, Change(change="added", kind="money", b_value=2000, benefit="一次性奖励", b_quote="2000元")))


REVISIONS: tuple[Revision, ...] = (
    Revision("amount-raised", COMPENDIUM, 29, _amount_raised, "平顶山 规程 第八条: individual loan cap 20 -> 30 万元"),
    Revision("group-added", JIAOZUO, 0, _group_added, "焦作 措施 6 (under 二): 、退役军人 added to the groups"),
    Revision("article-deleted", COMPENDIUM, 29, _article_deleted, "平顶山 规程: 第十六条 deleted, 第十七…六十一条 renumbered"),
    Revision("articles-renumbered", XINMI, 0, _articles_renumbered, "新密 意见: 一 and 二 swapped and renumbered"),
    Revision("articles-merged", COMPENDIUM, 0, _articles_merged, "河南 2023 青年就业: 八 merged into 七, 九…十三 renumbered"),
    Revision("amount-and-rate", JIAOZUO, 0, _amount_and_rate, "焦作 措施: 见习补贴 70% -> 80%, 开业补贴 5000 -> 6000 元"),
    Revision("article-added", COMPENDIUM, 0, _article_added, "河南 2023 青年就业: new 十三 inserted, 十三 -> 十四"),
)


@dataclass(frozen=True)
class RevisionFiles:
    """What one revision writes: the revised text and its expected diff."""

    text: str
    diff: GoldDiff


def _check_quotes(draft: Draft, changes: Sequence[Change]) -> None:
    """Every quote sits in its article: A's quotes in the original lines, B's in the revised ones."""
    by_b = {art.b_path: art for art in draft.articles if art.b_path is not None}
    by_a = {art.path: art for art in draft.articles if not art.added}
    for c in changes:
        if c.a_quote is not None:
            assert c.a_section is not None and c.a_quote in "".join(by_a[c.a_section].original), c
        if c.b_quote is not None:
            assert c.b_section is not None and c.b_quote in "".join(by_b[c.b_section].lines), c


def revision_to_files(revision: Revision) -> RevisionFiles:
    """Apply a revision's edits to a fresh copy of its original."""
    original = load_original(revision.source, revision.index)
    draft = original_to_draft(original)
    revision.edit(draft)
    changes = draft_to_changes(draft)
    _check_quotes(draft, changes)
    lines = draft_to_lines(draft)
    text = "\n".join(lines) + ("" if not original.compendium else "\n")
    diff = GoldDiff(
        name=revision.name,
        relation="version",
        a=original.ref,
        b=DocRef(path=f"golden/diffs/{SYNTHETIC}/{revision.name}.txt"),
        notes=f"synthetic, made by scripts/make_revisions.py: {revision.summary}",
        alignment=draft_to_alignment(draft),
        changes=changes,
    )
    return RevisionFiles(text, diff)


def _dump(obj: BaseModel) -> str:
    """A record as one JSON line, nulls and defaults (doubt: false) left out."""
    return json.dumps(obj.model_dump(mode="json", exclude_none=True, exclude_defaults=True), ensure_ascii=False)


def _dump_link(link: GoldAlignment) -> str:
    """An alignment entry with both sides shown, null included (the format shows them); the rest when set."""
    shown = {"a": link.a, "b": link.b, "status": link.status}
    extra = link.model_dump(mode="json", exclude_none=True, exclude_defaults=True, exclude={"a", "b", "status"})
    return json.dumps(shown | extra, ensure_ascii=False)


def diff_to_json(diff: GoldDiff) -> str:
    """The diff as JSON laid out like the README's example: one line per alignment entry and per change."""

    def block(key: str, rows: Sequence[str]) -> str:
        if not rows:
            return f'  "{key}": []'
        return f'  "{key}": [\n' + ",\n".join(f"    {r}" for r in rows) + "\n  ]"

    head = [
        f'  "name": {json.dumps(diff.name, ensure_ascii=False)}',
        f'  "relation": {json.dumps(diff.relation)}',
        f'  "a": {_dump(diff.a)}',
        f'  "b": {_dump(diff.b)}',
        f'  "notes": {json.dumps(diff.notes, ensure_ascii=False)}',
        block("alignment", [_dump_link(e) for e in diff.alignment]),
        block("changes", [_dump(c) for c in diff.changes]),
    ]
    return "{\n" + ",\n".join(head) + "\n}\n"


def write_all(out: Path) -> list[Path]:
    """Write every revision into ``out`` (``<name>.json`` and ``synthetic/<name>.txt``); drop stale texts."""
    folder = out / SYNTHETIC
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rev in REVISIONS:
        files = revision_to_files(rev)
        txt, js = folder / f"{rev.name}.txt", out / f"{rev.name}.json"
        txt.write_text(files.text, encoding="utf-8")
        js.write_text(diff_to_json(files.diff), encoding="utf-8")
        written += [js, txt]
    for stale in sorted(set(folder.glob("*.txt")) - set(written)):
        stale.unlink()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Example: python scripts/make_revisions.py --out /tmp/diffs"""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DIFFS, help="folder for <name>.json and synthetic/<name>.txt")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
