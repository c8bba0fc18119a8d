"""Write extractor/data/join_words.txt: the words the cleaner uses to tell a line broken inside a word.

The cleaner (``extractor/normalize/text.py``, ``word_across``) asks whether a word of 2 to 4 Han characters runs
across a line break. It reads this frozen list, never jieba's live dictionary, so cleaning is the same in every
process whatever ran before it. The list is every word of 2-4 Han characters in jieba's dictionary (frequency
above 0) plus every synonym of 2-4 Han characters of the two taxonomies (``groups.yaml``, ``benefits.yaml``), one
a line, sorted by length and then as strings.

Run: python scripts/make_join_words.py   (a test checks the file is what this script writes)
"""

from __future__ import annotations

from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "extractor" / "data" / "join_words.txt"
_HAN_2_4 = regex.compile(r"\p{Han}{2,4}")


def jieba_words() -> set[str]:
    """jieba's dictionary words of 2-4 Han characters with a frequency above 0."""
    import jieba

    out = set()
    with jieba.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 2 and int(parts[1]) > 0 and _HAN_2_4.fullmatch(parts[0]):
                out.add(parts[0])
    return out


def taxonomy_words() -> set[str]:
    """The taxonomies' synonyms of 2-4 Han characters (失业青年, 公益岗位 …): domain words jieba lacks."""
    out = set()
    for name in ("groups.yaml", "benefits.yaml"):
        for row in yaml.safe_load((ROOT / "extractor" / "data" / name).read_text(encoding="utf-8")):
            out.update(s for s in (row["name"], *row.get("synonyms", [])) if _HAN_2_4.fullmatch(s))
    return out


def join_words() -> str:
    """The file's content: the words one a line, sorted by length, then as strings (so that the words of one
    length are fixed-width records the cleaner searches by bisection, without making 330,000 strings)."""
    return "".join(w + "\n" for w in sorted(jieba_words() | taxonomy_words(), key=lambda w: (len(w), w)))


if __name__ == "__main__":
    OUT.write_text(join_words(), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
