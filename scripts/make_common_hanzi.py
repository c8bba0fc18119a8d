"""Write extractor/data/common_hanzi.txt: the 500 most common Han characters, weighted by jieba's word frequencies.

Run: python scripts/make_common_hanzi.py   (a test checks the file is current)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jieba

OUT = Path(__file__).resolve().parent.parent / "extractor" / "data" / "common_hanzi.txt"


def common_hanzi(n: int = 500) -> str:
    counts: Counter[str] = Counter()
    with jieba.get_dict_file() as f:
        for raw in f:
            line = raw.decode("utf-8")
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            for ch in word:
                if "\u4e00" <= ch <= "\u9fff":
                    counts[ch] += freq
    return "".join(ch for ch, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(common_hanzi() + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
