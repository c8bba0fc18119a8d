"""The diff as an HTML page: summary first, then the two versions side by side with changes marked."""

from __future__ import annotations

import html

from ..records import Diff, Document

STATUS_LABEL = {"unchanged": "未变", "renumbered": "条号调整", "modified": "修改", "split": "拆分", "merged": "合并", "moved": "移动", "added": "新增", "removed": "删除"}


def _side(ops: list, which: str) -> str:  # type: ignore[type-arg]
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(html.escape(op.text))
        elif op.op == "delete" and which == "a":
            out.append(f"<del>{html.escape(op.text)}</del>")
        elif op.op == "insert" and which == "b":
            out.append(f"<ins>{html.escape(op.text)}</ins>")
    return "".join(out).replace("\n", "<br>")


def diff_to_html(diff: Diff, a: Document, b: Document) -> str:
    """A standalone HTML page with both versions side by side."""
    rows = []
    for p in diff.pairs:
        if p.redline:
            left, right = _side(p.redline, "a"), _side(p.redline, "b")
        else:
            left = html.escape(a.text[p.a_span[0] : p.a_span[1]]).replace("\n", "<br>") if p.a_span else ""
            right = html.escape(b.text[p.b_span[0] : p.b_span[1]]).replace("\n", "<br>") if p.b_span else ""
            if p.status == "removed":
                left = f"<del>{left}</del>"
            if p.status == "added":
                right = f"<ins>{right}</ins>"
        label = f"{html.escape(p.a or '—')} → {html.escape(p.b or '—')} · {STATUS_LABEL[p.status]}"
        rows.append(
            f'<tr class="{p.status}"><td class="tag" colspan="2">{label}</td></tr>'
            f'<tr class="{p.status}"><td class="a">{left}</td><td class="b">{right}</td></tr>'
        )
    changes = "".join(
        f"<li><b>{html.escape(c.summary)}</b>"
        + (f"<br><span class=q>A：「{html.escape(c.a_quote)}」（{html.escape(c.a_section or '')}）</span>" if c.a_quote else "")
        + (f"<br><span class=q>B：「{html.escape(c.b_quote)}」（{html.escape(c.b_section or '')}）</span>" if c.b_quote else "")
        + "</li>"
        for c in diff.changes
    )
    summary = "".join(f"<li>{html.escape(s)}</li>" for s in diff.summary[:30])
    title = f"{html.escape(diff.a_title or diff.a_id)} ⇄ {html.escape(diff.b_title or diff.b_id)}"
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title><style>
body{{font-family:'Noto Serif CJK SC','AR PL UMing CN',serif;margin:2em;line-height:1.8}}
table{{border-collapse:collapse;width:100%;table-layout:fixed}} td{{vertical-align:top;padding:.4em .8em;border-bottom:1px solid #ddd}}
td.tag{{background:#f4f4f4;font-size:.85em;color:#555}} del{{background:#ffd7d5;color:#a00}} ins{{background:#d4f8d4;color:#060;text-decoration:none}}
tr.removed td.a{{background:#fff0f0}} tr.added td.b{{background:#f0fff0}} .q{{color:#555;font-size:.9em}}
th{{text-align:left;padding:.4em .8em}}
</style></head><body><h1>{title}</h1>
<p>关系：{html.escape(diff.relation)} · A：{html.escape(diff.a_id)} · B：{html.escape(diff.b_id)}</p>
<h2>变化摘要</h2><ul class="summary">{summary}</ul>
<h2>参数变化</h2><ul class="changes">{changes}</ul>
<h2>逐条对照</h2><table><tr><th>A</th><th>B</th></tr>{''.join(rows)}</table></body></html>
"""
