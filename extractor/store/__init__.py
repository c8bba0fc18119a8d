"""Writing records out: JSON, JSONL, Markdown, tree views (and tables for other systems)."""
