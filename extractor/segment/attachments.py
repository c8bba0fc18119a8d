"""Attachments (附件): where each starts, its number and title.

A notice lists its attachments before its signature (``附件：1. X`` / ``2. Y``); each attachment then starts,
after the signature, with a label (``附件1``, ``附件2：Y``) or, when the label was left out, with its listed title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..text.patterns import norm_title

LABEL_RE = regex.compile(
    r"^附件[ \u3000]*(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})?[ \u3000]*[：:]?[ \u3000]*(?P<title>[^。；]{0,60})$"
)
LIST_HEAD_RE = regex.compile(r"^-?[ \u3000]*附件[ \u3000]*[：:][ \u3000]*(?:(?P<num>\d{1,2})[ \u3000]*[.．、][ \u3000]*)?(?P<title>.*)$")
LIST_ITEM_RE = regex.compile(r"^-?[ \u3000]*(?P<num>\d{1,2})[ \u3000]*[.．、][ \u3000]*(?P<title>[^。；]{2,80})$")


@dataclass(frozen=True, slots=True)
class AttachmentStart:
    index: int  # paragraph
    num: str | None
    title: str | None
    labelled: bool  # the first paragraph is the 附件 label (the title, if not on it, is the next paragraph)


def listed_attachments(paragraphs: Sequence[str], end: int) -> list[tuple[str | None, str]]:
    """The attachment list of the notice (``附件：1. X`` and the items after it), before paragraph ``end``."""
    for k in range(end):
        m = LIST_HEAD_RE.match(paragraphs[k].strip())
        if m is None:
            continue
        out = [(m.group("num"), m.group("title").strip())] if m.group("title").strip() else []  # "附件：" alone: items follow
        for p in paragraphs[k + 1 : end]:
            mi = LIST_ITEM_RE.match(p.strip())
            if mi is None:
                break
            out.append((mi.group("num"), mi.group("title").strip()))
        return out
    return []


def find_attachments(paragraphs: Sequence[str], after: int) -> list[AttachmentStart]:
    """Attachment starts after paragraph ``after`` (the signature), by label or by listed title."""
    listed = listed_attachments(paragraphs, len(paragraphs))
    keys = [(num, norm_title(t)[:12]) for num, t in listed if len(norm_title(t)) >= 4]
    out: list[AttachmentStart] = []
    used: set[int] = set()
    for k in range(after, len(paragraphs)):
        p = paragraphs[k].strip()
        m = LABEL_RE.match(p)
        if m and not regex.match(r"\d+[ \u3000]*[.．、]", m.group("title")):
            num = m.group("num")
            title = m.group("title").strip() or None
            if num is None and len(listed) == 1:
                num = listed[0][0] or "1"
            out.append(AttachmentStart(k, num, title, True))
            continue
        if len(p) <= 80 and "\t" not in p:
            key = norm_title(p)
            for j, (num, t) in enumerate(keys):
                if j in used or not key.startswith(t) or any(a.num == num and num is not None for a in out):
                    continue
                used.add(j)
                if not (out and out[-1].labelled and out[-1].index == k - 1):  # else: the title under a label
                    out.append(AttachmentStart(k, num, p, False))
                break
    # "附件：X" right before the "附件" label of X is the attachment list printed after the signature
    return [a for n, a in enumerate(out) if not (n + 1 < len(out) and out[n + 1].index - a.index <= 1 and a.title)]
