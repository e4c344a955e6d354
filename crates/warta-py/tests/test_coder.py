"""The Python package against the record contract and the `warta` command.

Run with pytest on an installed wheel (`.ci/run` builds it with maturin).
The command line binary is found through WARTA_BIN, else the debug build.
"""

import json
import subprocess

import pytest

import warta
from common import CALL, REPO, WARTA_BIN

EXAMPLES = REPO / "examples" / "articles" / "12_kumpulan_berita_singkat.jsonl"

# The fields of ../shared/spec/event-record.md, always present.
CONTRACT = {
    "id", "doc_id", "language", "event_type", "mode", "context", "cameo",
    "quad_class", "intensity", "actor", "recipient", "date", "date_precision",
    "date_source", "location", "size", "quote", "sentence_index", "sentence",
    "span", "trigger", "rule", "confidence",
}
# Present only when they say something (docs/records.md).
OPTIONAL = {"modes", "background"}



@pytest.fixture(scope="module")
def coder():
    return warta.Coder()


def test_a_call_is_one_consult_with_the_contract_fields(coder):
    records = coder.code(CALL, date="2024-04-17", doc_id="call")
    assert len(records) == 1
    record = records[0]
    assert CONTRACT <= set(record) <= CONTRACT | OPTIONAL
    assert record["event_type"] == "CONSULT"
    assert record["mode"] == "phone"
    assert record["doc_id"] == "call"
    assert record["date"] == "2024-04-16"
    assert {e["country"] for e in record["actor"]} == {"RUS", "IRN"}
    assert record["sentence"].startswith("Presiden Rusia")
    assert record["rule"].startswith("id/")


def test_a_document_id_is_derived_from_the_text_when_none_is_given(coder):
    first = coder.code(CALL, date="2024-04-17")
    again = coder.code(CALL, date="2024-04-17")
    assert first[0]["doc_id"] == again[0]["doc_id"]
    assert len(first[0]["doc_id"]) == 16


def test_skipped_texts_give_no_records(coder):
    french = "Le président de la Russie a appelé le président de l'Iran mardi pour discuter de la région."
    assert coder.code(french) == []
    assert coder.code("") == []


def test_english_is_coded_by_the_english_pack(coder):
    records = coder.code("Turkey condemned Israel on Sunday.", date="2024-10-28", language="en")
    assert [r["event_type"] for r in records] == ["ACCUSE"]
    assert records[0]["language"] == "en"
    assert records[0]["rule"].startswith("en/")
    assert records[0]["date"] == "2024-10-27"


def test_records_equal_the_command_lines_on_the_same_articles(coder):
    assert WARTA_BIN.exists(), f"no warta binary at {WARTA_BIN}; build it or set WARTA_BIN"
    cli = subprocess.run(
        [str(WARTA_BIN), "code", "--quiet", str(EXAMPLES)],
        check=True, capture_output=True, text=True,
    )
    expected = [json.loads(line) for line in cli.stdout.splitlines() if line.strip()]
    got = []
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        got.extend(coder.code(
            row["text"], title=row.get("title"), date=row.get("date"), doc_id=row["id"],
            url=row.get("url"), language=row.get("language"),
        ))
    assert len(expected) > 5
    assert got == expected


def test_a_text_over_the_size_limit_is_an_input_error_naming_it(coder):
    with pytest.raises(warta.InputError, match=r"^huge: document is 9\.0 MiB, over the 8 MiB limit"):
        coder.code("a" * (9 * 1024 * 1024), doc_id="huge")


def test_a_missing_lexicon_folder_is_a_value_error(tmp_path):
    with pytest.raises(ValueError):
        warta.Coder(lexicon=tmp_path / "no-such-lexicon")


def test_the_lexicon_folder_of_the_repository_loads(coder):
    from_folder = warta.Coder(lexicon=str(REPO / "lexicon"))
    assert from_folder.lexicon_version == coder.lexicon_version
    assert from_folder.code(CALL, date="2024-04-17", doc_id="call") == coder.code(
        CALL, date="2024-04-17", doc_id="call")


def test_help_is_useful():
    assert "record contract" in warta.Coder.code.__doc__
    assert "lexicon" in warta.Coder.__doc__
