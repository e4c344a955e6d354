"""`warta.spark.code` in Spark local mode (`local[2]`, the machine's Java):
the seeds and a slice of IndoSum, written as JSON Lines articles, read by
Spark, coded, and checked record for record against `warta code` on the
same file; then the README's recipe: Parquet partitioned by event month,
read back.

Skipped without pyspark or Java, unless WARTA_REQUIRE_SPARK is set (as in
`.ci/run`), where that is a failure.
"""

import json
import os
import shutil
import subprocess
import sys

import pyarrow.dataset as ds
import pytest

import warta
from common import REPO, WARTA_BIN

SHARED = REPO.parent / "shared"
# IndoSum articles in the slice: enough for several partitions and batches.
SLICE = 400


def _spark_or_skip():
    required = bool(os.environ.get("WARTA_REQUIRE_SPARK"))
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if required:
            raise
        pytest.skip("pyspark is not installed")
    if shutil.which("java") is None:
        if required:
            pytest.fail("WARTA_REQUIRE_SPARK is set but there is no java")
        pytest.skip("no java for Spark")


@pytest.fixture(scope="module")
def spark():
    _spark_or_skip()
    from pyspark.sql import SparkSession

    # The workers run this interpreter, the one warta is installed in.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("warta-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Small Arrow batches, so that a partition streams in several.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def articles_file(tmp_path_factory):
    """The seeds and an IndoSum slice as JSON Lines articles, read once."""
    seeds = warta.read_documents(str(SHARED / "seeds"))
    indosum = warta.read_documents(str(SHARED / "corpus" / "indosum" / "dev.01.jsonl"))[:SLICE]
    path = tmp_path_factory.mktemp("articles") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in seeds + indosum:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def test_spark_events_are_warta_codes_record_for_record(spark, articles_file):
    from warta.spark import code, spark_schema

    cli = subprocess.run(
        [str(WARTA_BIN), "code", "--quiet", str(articles_file)],
        check=True, capture_output=True, text=True,
    )
    expected = {r["id"]: r for r in map(json.loads, cli.stdout.splitlines())}
    assert len(expected) > 100

    articles = spark.read.json(str(articles_file)).repartition(2)
    events = code(articles, date="date", title="title", url="url", source="source", language="language")
    assert events.schema == spark_schema()
    rows = events.select("event_id", "event_type", "json").collect()
    got = {row["event_id"]: json.loads(row["json"]) for row in rows}
    assert len(rows) == len(got) == len(expected)
    for record_id, record in expected.items():
        assert {k: got[record_id].get(k) for k in record} == record
        assert got[record_id]["event_type"] == record["event_type"]


def test_partitioned_parquet_by_month_reads_back(spark, articles_file, tmp_path):
    from pyspark.sql import functions as F

    from warta.spark import code

    articles = spark.read.json(str(articles_file))
    events = code(articles, date="date", title="title")
    out = tmp_path / "events"
    (events.withColumn("month", F.date_format("event_date", "yyyy-MM"))
        .write.partitionBy("month").parquet(str(out)))
    months = sorted(p.name for p in out.iterdir() if p.name.startswith("month="))
    assert "month=2024-04" in months and len(months) > 3
    # Another Spark job and pyarrow read the same events back.
    again = spark.read.parquet(str(out))
    assert again.count() == events.count()
    table = ds.dataset(str(out), format="parquet", partitioning="hive").to_table()
    assert table.num_rows == again.count()
    april = table.filter(ds.field("month") == "2024-04").column("event_type").to_pylist()
    assert "CONSULT" in april
    # And DuckDB, with the README's query.
    try:
        import duckdb
    except ImportError:
        if os.environ.get("WARTA_REQUIRE_DUCKDB"):
            raise
        return
    query = f"SELECT count(*) FROM read_parquet('{out}/*/*.parquet', hive_partitioning = true)"
    assert duckdb.sql(query).fetchall()[0][0] == table.num_rows


def test_a_missing_column_is_named(spark, articles_file):
    from warta.spark import code

    articles = spark.read.json(str(articles_file))
    with pytest.raises(ValueError, match="no column 'body' for the text"):
        code(articles, text="body")
