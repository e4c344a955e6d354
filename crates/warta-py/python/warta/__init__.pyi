from os import PathLike
from typing import Any, Dict, Iterable, List, Literal, Optional, Union

import pyarrow

__version__: str

class InputError(Exception):
    """A document Warta could not code: the message names it and says why."""

class Coder:
    """The coder, with its lexicon loaded and its matchers built once.

    ``Coder()`` uses the lexicon built into Warta; ``Coder(lexicon="dir")``
    loads one from a folder in the lexicon's format.
    """

    def __init__(self, lexicon: Optional[Union[str, "PathLike[str]"]] = None) -> None: ...
    @property
    def lexicon_version(self) -> str: ...
    def code(
        self,
        text: str,
        *,
        title: Optional[str] = None,
        date: Optional[str] = None,
        doc_id: Optional[str] = None,
        url: Optional[str] = None,
        language: Optional[str] = None,
    ) -> List[Dict[str, Any]]:
        """Codes one text; returns its records as dicts of the record contract."""
    def code_many(
        self,
        documents: Union[Iterable[Union[str, Dict[str, Any]]], "pyarrow.Table", "pyarrow.RecordBatch"],
        *,
        threads: Optional[int] = None,
        errors: Literal["raise", "skip"] = "raise",
    ) -> "pyarrow.Table":
        """Codes many articles on Warta's threads; one row per record, with
        the Parquet export's schema (``event_schema()``), in input order."""

def event_schema() -> "pyarrow.Schema":
    """The schema of ``code_many``'s tables and of the Parquet export."""

def read_documents(*paths: Union[str, "PathLike[str]"]) -> List[Dict[str, Optional[str]]]:
    """Reads articles as ``warta code`` does; dicts for ``code_many``."""
