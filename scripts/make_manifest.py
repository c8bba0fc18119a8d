"""Write corpus/manifest.jsonl: one row per corpus document, from the hand-made golden files and the files' hashes.

Run: python scripts/make_manifest.py   (tests/test_corpus.py checks the manifest is current)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest_rows() -> list[dict[str, object]]:
    rows = []
    for gold_path in sorted((ROOT / "golden").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        meta = gold["meta"]
        text = ROOT / gold["source"]["path"]
        stem = text.stem
        other = sorted(
            str(p.relative_to(ROOT))
            for folder in ("pdf", "docx", "html")
            for p in (ROOT / "corpus" / folder).glob(f"{stem}.*")
        )
        rows.append(
            {
                "id": gold_path.stem,
                "file": gold["source"]["path"],
                "lines": gold["source"].get("lines"),
                "sha256": sha256(text),
                "title": meta.get("title"),
                "doc_number": meta.get("doc_number"),
                "region": meta.get("region"),
                "level": meta.get("level"),
                "year": int(meta["date"][:4]) if meta.get("date") else None,
                "issuer": meta.get("issuers"),
                "also_as": other,
            }
        )
    return rows


def manifest_text() -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest_rows())


if __name__ == "__main__":
    (ROOT / "corpus" / "manifest.jsonl").write_text(manifest_text(), encoding="utf-8")
    print("wrote corpus/manifest.jsonl")
