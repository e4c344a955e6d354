"""Warta on Spark local mode next to `warta code`, on the same JSON Lines
articles: articles per second and their ratio, where the time goes, and
the peak memory of a Spark task (a Python worker) on the corpus and on
the corpus repeated ten times.

    python crates/warta-py/bench/spark.py ../shared/corpus/indosum \
        --warta target/release/warta

Spark's session start is not timed, and its first job (which starts the
Python workers and loads the lexicon in each) is reported apart; each timed
job reads the JSON Lines file, codes it and discards the events (the `noop`
sink), as `warta code` reads the file and writes its records to /dev/null.
Both are the best of two runs. "Reading only" is Spark reading the file;
"coding only" codes articles already read and held in memory.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import warta


def distinct(docs):
    """One article per id and per text: `warta code` skips a repeat (IndoSum
    repeats some across its files), and Spark would code it again."""
    ids, texts, out = set(), set(), []
    for d in docs:
        if d["id"] not in ids and d["text"] not in texts:
            ids.add(d["id"])
            texts.add(d["text"])
            out.append(d)
    return out


def write_articles(docs, copies, path):
    # Each copy is a new article to both: its own id, and a closing line
    # ("Salinan 3.") that changes the text but not the events.
    with open(path, "w", encoding="utf-8") as out:
        for k in range(copies):
            for d in docs:
                row = d if k == 0 else dict(d, id=f"{d['id']}#{k}", text=f"{d['text']}\n\nSalinan {k}.")
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


# The articles' columns, given so that Spark does not read the file twice
# to infer them.
ARTICLE_SCHEMA = ("id string, text string, title string, date string, "
                  "source string, url string, language string")


def time_cli(warta_bin, path, threads):
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run([warta_bin, "code", "--quiet", "--threads", str(threads), path],
                       check=True, stdout=sink)
    return time.perf_counter() - start


def peak_mib(name, in_command):
    """The largest peak resident memory (VmHWM) among live processes called
    `name` whose command line has `in_command`: Spark's Python workers
    (each runs one task at a time, and is reused from task to task), or
    the JVM (local mode: driver and executor)."""
    peak = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = open(f"/proc/{pid}/status").read()
            command = open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
        except OSError:
            continue
        first = status.split("\n", 1)[0]
        if not first.startswith("Name:") or name not in first or in_command not in command:
            continue
        if pid == str(os.getpid()):
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--warta", default="target/release/warta")
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()

    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from warta.spark import code

    docs = distinct(warta.read_documents(args.corpus))
    tmp = tempfile.mkdtemp(prefix="warta-spark-bench-")

    spark = (SparkSession.builder.master(f"local[{args.cores}]")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "2g")
             .config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    def code_job(df):
        events = code(df, date="date", title="title", url="url", source="source", language="language")
        start = time.perf_counter()
        events.write.format("noop").mode("overwrite").save()
        return time.perf_counter() - start

    def read_json(path):
        return spark.read.schema(ARTICLE_SCHEMA).json(path)

    paths = {}
    for copies in (1, 10):
        paths[copies] = os.path.join(tmp, f"articles-{copies}.jsonl")
        write_articles(docs, copies, paths[copies])
    # The first job starts the Python workers, imports pyarrow and pyspark
    # in them and loads the lexicon: a cost per session, reported apart.
    first = code_job(read_json(paths[1]))
    print(f"{len(docs)} articles per copy; Spark local[{args.cores}], warta code --threads {args.cores}")
    print(f"first job of the session (workers started, lexicon loaded): {first:.1f} s")
    print(f"{'copies':>6} {'articles':>9} {'warta code/s':>13} {'spark/s':>9} {'ratio':>6} "
          f"{'reading only/s':>15} {'coding only/s':>14} {'worker peak MiB':>16} {'JVM peak MiB':>13}")
    for copies in (1, 10):
        path = paths[copies]
        n = len(docs) * copies
        cli = min(time_cli(args.warta, path, args.cores) for _ in range(2))
        whole = min(code_job(read_json(path)) for _ in range(2))
        start = time.perf_counter()
        read_json(path).write.format("noop").mode("overwrite").save()
        reading = time.perf_counter() - start
        # Coding alone: the articles read and held in memory first.
        cached = read_json(path).repartition(args.cores * 4).cache()
        cached.count()
        coding = code_job(cached)
        cached.unpersist()
        print(f"{copies:>6} {n:>9} {n / cli:>13.0f} {n / whole:>9.0f} {cli / whole:>6.2f} "
              f"{n / reading:>15.0f} {n / coding:>14.0f} {peak_mib('python', 'pyspark'):>16.0f} "
              f"{peak_mib('java', ''):>13.0f}")
    spark.stop()


if __name__ == "__main__":
    main()
