#!/usr/bin/env python3
"""Writes the English example articles as plain JSON Lines, repeated, for
`warta bench` on English text:

    python3 scripts/english-corpus.py --repeat 300 /tmp/english.jsonl
    warta bench /tmp/english.jsonl

Each copy gets its own id; the text is the article's as written (the HTML
page is left out: its text is read by the HTML reader, not this script).
"""

import argparse
import json
import pathlib

ARTICLES = pathlib.Path(__file__).resolve().parent.parent / "examples" / "articles"


def articles():
    for path in sorted(ARTICLES.glob("*_en_*")):
        if path.suffix == ".txt":
            yield {"id": path.stem, "text": path.read_text(encoding="utf-8"), "language": "en"}
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    row["language"] = "en"
                    yield row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    rows = list(articles())
    with open(args.output, "w", encoding="utf-8") as out:
        for n in range(args.repeat):
            for row in rows:
                copy = dict(row, id=f"{row['id']}-{n}")
                out.write(json.dumps(copy, ensure_ascii=False) + "\n")
    size = sum(len(r["text"].encode("utf-8")) for r in rows) * args.repeat
    print(f"{len(rows) * args.repeat} articles, {size / 1e6:.1f} MB of text -> {args.output}")


if __name__ == "__main__":
    main()
