"""Human-readable views of a Document: Markdown and an indented tree."""

from __future__ import annotations

from ..records import Document, walk_depths


def document_to_tree(doc: Document) -> str:
    """An indented outline: path, heading and page of every section.

    Example line: ``  二/（三） 加强就业见习工作支持  [p.2]``
    """
    lines = [f"{doc.id}  {doc.title or '(untitled)'}"]
    meta = [
        ("文号", doc.doc_number.text if doc.doc_number else None),
        ("类型", doc.doc_type),
        ("发文机关", "、".join(doc.issuers) or None),
        ("日期", doc.date.isoformat() if doc.date else None),
        ("地区", f"{doc.region} ({doc.level})" if doc.region else None),
    ]
    lines += [f"  {k}: {v}" for k, v in meta if v]
    for depth, s in walk_depths(doc.sections):
        page = f"  [p.{s.page}]" if s.page else ""
        lines.append(f"{'  ' * (depth + 1)}{s.path} {s.heading or ''}{page}".rstrip())
    for a in doc.attachments:
        lines.append(f"  附件{a.num or ''} {a.title or ''}".rstrip())
        for depth, s in walk_depths(a.sections):
            lines.append(f"{'  ' * (depth + 2)}{s.path} {s.heading or ''}".rstrip())
        if a.tables:
            lines.append(f"    ({len(a.tables)} table(s))")
    return "\n".join(lines) + "\n"


def document_to_markdown(doc: Document) -> str:
    """The document as Markdown: a metadata table, then sections as headings with their text."""
    out = [f"# {doc.title or doc.id}", ""]
    rows = [
        ("id", doc.id),
        ("文号", doc.doc_number.text if doc.doc_number else ""),
        ("类型", doc.doc_type or ""),
        ("印发的文件", doc.instrument_title or ""),
        ("发文机关", "、".join(doc.issuers)),
        ("主送", "、".join(doc.recipients)),
        ("抄送", "、".join(doc.cc)),
        ("日期", doc.date.isoformat() if doc.date else ""),
        ("地区", doc.region or ""),
        ("层级", doc.level or ""),
        ("来源", f"{doc.source.path} (lines {doc.source.lines[0]}–{doc.source.lines[1]})"),
    ]
    out += ["| 字段 | 值 |", "| --- | --- |"] + [f"| {k} | {v} |" for k, v in rows if v] + [""]
    for depth, s in walk_depths(doc.sections):
        level = min(depth + 2, 6)
        out.append(f"{'#' * level} {s.num} {s.heading or ''}".rstrip())
        own = s.text.split("\n")[0]
        out += ["", own, ""]
    for a in doc.attachments:
        out += [f"## 附件{a.num or ''} {a.title or ''}".rstrip(), ""]
        for t in a.tables:
            if t.rows:
                width = max(len(r) for r in t.rows)
                rows_ = [r + [""] * (width - len(r)) for r in t.rows]
                out.append("| " + " | ".join(rows_[0]) + " |")
                out.append("|" + " --- |" * width)
                out += ["| " + " | ".join(r) + " |" for r in rows_[1:]]
                out.append("")
    return "\n".join(out) + "\n"
