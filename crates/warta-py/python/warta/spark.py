"""Warta on Apache Spark: code a DataFrame of articles into a DataFrame of
events, with the schema of Warta's Parquet export (``docs/codebook.md``).

Built on ``DataFrame.mapInArrow``: each partition streams to the coder in
bounded Arrow batches, read in Rust without a Python object per article,
and the coder is created once per Python worker process.

    from warta.spark import code
    events = code(spark.read.json("articles.jsonl"))
    events.write.partitionBy("month").parquet("events/")

Events are not merged across articles here; ``warta ingest`` merges them
in a store.
"""

from __future__ import annotations

from typing import Iterator, Optional

import pyarrow as pa

from . import Coder, event_schema

__all__ = ["code", "spark_schema"]

# One coder per Python worker process: Spark reuses its workers
# (spark.python.worker.reuse), so the lexicon is loaded once, not per batch.
_CODER: Optional[Coder] = None

# Articles handed to the coder at a time: bounds a task's memory whatever
# the size of Spark's Arrow batches.
ARTICLES_PER_CALL = 512


def _coder() -> Coder:
    global _CODER
    if _CODER is None:
        _CODER = Coder()
    return _CODER


def spark_schema():
    """The events' Spark schema (a ``StructType``): the Parquet export's."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(event_schema())


def _code_partition(threads: int):
    def code_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        coder = _coder()
        for batch in batches:
            for start in range(0, batch.num_rows, ARTICLES_PER_CALL):
                piece = batch.slice(start, ARTICLES_PER_CALL)
                # A document the coder cannot code is left out with a
                # warning in the executor's log; the rest of the job goes on.
                events = coder.code_many(piece, threads=threads, errors="skip")
                yield from events.to_batches()

    return code_batches


def code(
    df,
    text: str = "text",
    doc_id: Optional[str] = "id",
    date: Optional[str] = None,
    title: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    language: Optional[str] = None,
    threads: int = 1,
):
    """Codes a Spark DataFrame of articles; returns a DataFrame of events.

    The arguments name the article's columns: ``text`` is required; the
    others may be ``None`` (``doc_id`` is used when the column exists, and
    without it an article is named by a hash of its text and title).
    ``date`` is the publication date, a string in any shape an outlet
    prints or a date. ``threads`` is the coder's threads per Spark task
    (Spark already runs one task per core).
    """
    from pyspark.sql import functions as F

    def column(name: Optional[str], alias: str, required: bool = False):
        if name is None:
            return None
        if name not in df.columns:
            if required:
                raise ValueError(
                    f"no column {name!r} for the {alias} (the columns are {', '.join(df.columns)})"
                )
            return None
        value = F.col(name)
        # Dates stay dates; everything else is read as text.
        if alias != "date":
            value = value.cast("string")
        return value.alias(alias)

    columns = [
        column(text, "text", required=True),
        column(doc_id, "id", required=doc_id != "id"),
        column(title, "title", required=True),
        column(date, "date", required=True),
        column(url, "url", required=True),
        column(source, "source", required=True),
        column(language, "language", required=True),
    ]
    articles = df.select(*[c for c in columns if c is not None])
    return articles.mapInArrow(_code_partition(threads), spark_schema())
