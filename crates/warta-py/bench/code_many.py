"""code_many's throughput next to `warta bench`'s, on the same corpus and
machine: both measured in alternation, each the best of three passes on a
warm thread pool, per thread count; the medians over rounds are compared.

    python crates/warta-py/bench/code_many.py ../shared/corpus/indosum \
        --warta target/release/warta

Both sides code the same documents (`warta.read_documents` reads them as
`warta bench` does), handed to `code_many` as a list of dicts and as a
pyarrow Table, and produce their output: JSON lines for `warta bench`, the
Arrow table (with its JSON column) for `code_many`.
"""

import argparse
import re
import statistics
import subprocess
import time

import pyarrow as pa

import warta

PASSES = 3


def bench_rates(warta_bin, corpus, threads):
    """MB/s per thread count, from `warta bench`'s table."""
    out = subprocess.run(
        [warta_bin, "bench", "--quiet", "--threads", str(threads), corpus],
        check=True, capture_output=True, text=True,
    ).stdout
    rates = {}
    for line in out.splitlines():
        m = re.match(r"\s+(\d+)\s+([\d.]+)\s", line)
        if m:
            rates[int(m.group(1))] = float(m.group(2))
    return rates


def code_many_rate(coder, docs, megabytes, threads):
    coder.code_many(docs, threads=threads)  # warms this pool's caches, as bench's first pass
    best = min(_timed(lambda: coder.code_many(docs, threads=threads)) for _ in range(PASSES))
    return megabytes / best


def _timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--warta", default="target/release/warta")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    coder = warta.Coder()
    docs = warta.read_documents(args.corpus)
    megabytes = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    counts = [1, args.threads] if args.threads > 1 else [1]
    # The same articles as an Arrow table: read in Rust, no Python object each.
    table = pa.Table.from_pylist(docs)
    results = {n: ([], [], []) for n in counts}
    for _ in range(args.rounds):
        rates = bench_rates(args.warta, args.corpus, args.threads)
        for n in counts:
            results[n][0].append(rates[n])
            results[n][1].append(code_many_rate(coder, docs, megabytes, n))
            results[n][2].append(code_many_rate(coder, table, megabytes, n))
    print(f"{len(docs)} articles, {megabytes:.1f} MB of text; medians of {args.rounds} rounds")
    print(f"{'threads':>8} {'bench MB/s':>11} {'dicts MB/s':>11} {'ratio':>6} {'table MB/s':>11} {'ratio':>6}")
    for n in counts:
        bench, dicts, arrow = (statistics.median(v) for v in results[n])
        print(f"{n:>8} {bench:>11.1f} {dicts:>11.1f} {dicts / bench:>6.2f} {arrow:>11.1f} {arrow / bench:>6.2f}")


if __name__ == "__main__":
    main()
