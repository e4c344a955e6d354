"""`Coder.code_many`: many articles on Warta's threads into a pyarrow Table
with the Parquet export's schema, from Python objects or from Arrow.
"""

import datetime
import json
import subprocess
import warnings

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import warta
from common import CALL, REPO, WARTA_BIN

ARTICLES = REPO / "examples" / "articles"

VISIT = (
    "Menteri Luar Negeri Indonesia Retno Marsudi mengunjungi Kuala Lumpur pada Kamis "
    "(2/5/2024) dan bertemu Menteri Luar Negeri Malaysia untuk membahas perbatasan."
)


@pytest.fixture(scope="module")
def coder():
    return warta.Coder()


@pytest.fixture(scope="module")
def articles():
    return warta.read_documents(str(ARTICLES))


def warta_cli(*args):
    assert WARTA_BIN.exists(), f"no warta binary at {WARTA_BIN}; build it or set WARTA_BIN"
    return subprocess.run([str(WARTA_BIN), *map(str, args)], check=True, capture_output=True, text=True)


def records_of(table):
    """The record-contract fields of each row, from its `json` column."""
    return [json.loads(s) for s in table.column("json").to_pylist()]


def test_the_schema_is_the_parquet_exports(coder, articles, tmp_path):
    db = tmp_path / "examples.db"
    exported = tmp_path / "events.parquet"
    warta_cli("ingest", "--quiet", "--db", db, ARTICLES)
    warta_cli("events", "--db", db, "--format", "parquet", "--output", exported)
    table = coder.code_many(articles)
    assert table.num_rows > 20
    assert table.schema.equals(pq.read_schema(exported), check_metadata=False)
    assert warta.event_schema().equals(table.schema)


def test_rows_are_the_records_of_warta_code_in_input_order(coder, articles):
    cli = warta_cli("code", "--quiet", ARTICLES)
    expected = [json.loads(line) for line in cli.stdout.splitlines() if line.strip()]
    table = coder.code_many(articles)
    got = records_of(table)
    assert len(got) == len(expected)
    for row, record in zip(got, expected):
        # The row is the record as a one-mention event: every contract field
        # as `warta code` wrote it, and the event's own fields beside them.
        assert {k: row.get(k) for k in record} == record
        assert row["event_id"] == record["id"]
        assert row["num_mentions"] == 1
        assert row["mentions"][0]["doc_id"] == record["doc_id"]
    assert table.column("event_id").to_pylist() == [r["id"] for r in expected]


def test_columns_hold_the_records_values_with_nulls_for_missing_ones(coder):
    table = coder.code_many([{"id": "call", "text": CALL, "date": "2024-04-17", "source": "antara"}])
    row = table.to_pylist()[0]
    assert row["event_type"] == "CONSULT"
    assert row["mode"] == "phone"
    assert row["actor_countries"] == ["RUS", "IRN"]
    assert row["recipient_countries"] is None
    assert row["event_date"] == datetime.date(2024, 4, 16)
    assert row["first_seen"] == datetime.date(2024, 4, 17)
    assert row["sources"] == ["antara"] and row["url"] is None
    assert row["mention_doc_ids"] == ["call"]
    assert row["global_event_id"] == int(row["event_id"][:15], 16)


def test_texts_dicts_and_arrow_tables_give_the_same_events(coder):
    texts = [CALL, VISIT]
    from_texts = coder.code_many(texts)
    from_dicts = coder.code_many([{"text": t} for t in texts])
    from_table = coder.code_many(pa.table({"text": texts}))
    from_batch = coder.code_many(pa.table({"text": texts}).to_batches()[0])
    assert from_texts.equals(from_dicts)
    assert from_texts.equals(from_table)
    assert from_texts.equals(from_batch)
    assert from_texts.num_rows >= 2


def test_arrow_input_takes_dates_as_dates_and_strings_of_any_type(coder):
    as_string = pa.table({"id": ["call"], "text": [CALL], "date": ["2024-04-17"]})
    as_date = pa.table({
        "id": pa.array(["call"], pa.large_string()),
        "text": pa.array([CALL], pa.string_view()),
        "date": pa.array([datetime.date(2024, 4, 17)], pa.date32()),
        "title": pa.array([None], pa.null()),
    })
    assert coder.code_many(as_string).equals(coder.code_many(as_date))


def test_threads_do_not_change_the_output(coder, articles):
    one = coder.code_many(articles, threads=1)
    two = coder.code_many(articles, threads=2)
    assert one.equals(two)
    with pytest.raises(ValueError, match="at least 1"):
        coder.code_many(articles, threads=0)


def test_the_table_goes_to_pandas_and_back_through_parquet(coder, articles, tmp_path):
    table = coder.code_many(articles)
    frame = table.to_pandas()
    assert list(frame.columns) == table.column_names
    assert len(frame) == table.num_rows
    assert frame["event_type"].isin({"CONSULT", "ASSAULT", "ACCUSE", "THREATEN"}).any()
    path = tmp_path / "events.parquet"
    pq.write_table(table, path)
    assert pq.read_table(path).equals(table)
    back = pa.Table.from_pandas(frame, schema=table.schema, preserve_index=False)
    assert back.column("actor_countries").to_pylist() == table.column("actor_countries").to_pylist()


def test_nothing_to_code_is_an_empty_table_of_the_schema(coder):
    empty = coder.code_many([])
    assert empty.num_rows == 0
    assert empty.schema.equals(warta.event_schema())
    assert coder.code_many(["The weather was fine in London on Tuesday."]).num_rows == 0


def test_a_document_that_cannot_be_coded_is_named_or_skipped(coder):
    documents = [{"id": "call", "text": CALL}, {"id": "huge", "text": "a" * (9 * 1024 * 1024)}]
    with pytest.raises(warta.InputError, match=r"huge: document is 9\.0 MiB, over the 8 MiB limit"):
        coder.code_many(documents)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = coder.code_many(documents, errors="skip")
    assert table.column("mention_doc_ids").to_pylist() == [["call"]]
    assert any("huge" in str(w.message) for w in caught)


def test_bad_inputs_are_refused_with_the_document_named(coder):
    with pytest.raises(warta.InputError, match=r"document 1: the dict has no \"text\""):
        coder.code_many([{"text": CALL}, {"body": CALL}])
    with pytest.raises(TypeError, match="document 0: expected a str or a dict"):
        coder.code_many([42])
    with pytest.raises(warta.InputError, match="document 0: title must be a string"):
        coder.code_many([{"text": CALL, "title": 7}])
    with pytest.raises(warta.InputError, match=r"no \"text\" column \(the columns are body\)"):
        coder.code_many(pa.table({"body": [CALL]}))
    with pytest.raises(warta.InputError, match=r"row 1: the text is null"):
        coder.code_many(pa.table({"text": [CALL, None]}))
    with pytest.raises(ValueError, match="errors must be"):
        coder.code_many([CALL], errors="ignore")


def test_read_documents_reads_as_warta_code_does(articles, tmp_path):
    ids = {a["id"] for a in articles}
    assert len(articles) > 12
    assert all(set(a) == {"id", "text", "title", "date", "source", "url", "language"} for a in articles)
    assert "01_menlu_ri_telepon_iran" in ids
    with pytest.raises(warta.InputError, match="no-such-folder"):
        warta.read_documents(str(tmp_path / "no-such-folder"))


def test_help_describes_code_many():
    doc = warta.Coder.code_many.__doc__
    assert "pyarrow.Table" in doc and "Parquet export" in doc


def test_many_articles_come_back_in_input_order_from_every_input_kind(coder):
    # More articles than one piece of work (32), so that pieces are coded
    # on both threads while the next are still being taken from Python.
    articles = [{"id": f"call-{k:03}", "text": CALL, "date": "2024-04-17"} for k in range(100)]
    ids = [[a["id"]] for a in articles]
    from_dicts = coder.code_many(articles, threads=2)
    assert from_dicts.column("mention_doc_ids").to_pylist() == ids
    from_table = coder.code_many(pa.Table.from_pylist(articles), threads=2)
    assert from_table.equals(from_dicts)
    # Spread over several record batches, as Spark sends them.
    chunked = pa.Table.from_batches(pa.Table.from_pylist(articles).to_batches(max_chunksize=7))
    assert coder.code_many(chunked, threads=2).equals(from_dicts)


def test_a_bad_item_late_in_a_long_input_is_still_named(coder):
    articles = [{"text": CALL}] * 40 + [{"body": CALL}]
    with pytest.raises(warta.InputError, match=r"document 40: the dict has no \"text\""):
        coder.code_many(articles)
    rows = [CALL] * 40 + [None]
    with pytest.raises(warta.InputError, match=r"table row 40: the text is null"):
        coder.code_many(pa.table({"text": rows}))
