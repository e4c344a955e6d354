#!/usr/bin/env python3
"""Write the IndoSum corpus as plain JSON Lines articles, for measuring
end-to-end `warta code` throughput on ordinary input.

Each article becomes {"id", "text"}: tokens joined by spaces, paragraphs by
line breaks, no date (so the coder also looks for one in the text). With
--repeat N the corpus is written N times under new ids, which gives a larger
input whose later copies find the per-thread word caches warm, as a long
run does. The output goes where you say, never into the repository.

    python3 scripts/indosum-plain.py --repeat 5 /tmp/indosum-plain.jsonl
    /usr/bin/time -f "%e s, %M KB" warta code /tmp/indosum-plain.jsonl > /dev/null
"""
import argparse
import glob
import json
import os
import sys


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    default_corpus = os.path.join(here, "..", "..", "shared", "corpus", "indosum")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--corpus", default=default_corpus)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = sorted(glob.glob(os.path.join(args.corpus, "*.jsonl")))
    if not files:
        print(f"no .jsonl files in {args.corpus}", file=sys.stderr)
        return 1
    articles = []
    for path in files:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                text = "\n".join(
                    " ".join(" ".join(sentence) for sentence in paragraph)
                    for paragraph in row["paragraphs"]
                )
                articles.append((row.get("id", ""), text))
    size = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for copy in range(args.repeat):
            for doc_id, text in articles:
                out.write(json.dumps({"id": f"{doc_id}-{copy}", "text": text}, ensure_ascii=False))
                out.write("\n")
                size += len(text.encode("utf-8"))
    print(f"{len(articles) * args.repeat} articles, {size / 1e6:.1f} MB of text", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
