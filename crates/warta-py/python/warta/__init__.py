"""Warta: political event data from Indonesian news.

``Coder().code(text)`` returns the events a text reports, who did what to
whom, when and where, as dicts with the fields of Warta's record contract
(PLOVER type and mode, CAMEO code, actors and recipients with their
countries, date, place, casualty counts, the sentence and the rule).
``Coder().code_many(articles)`` codes many on Warta's own threads into a
``pyarrow.Table`` with the Parquet export's schema, and ``warta.spark.code``
does the same for a Spark DataFrame of articles.
"""

from ._warta import Coder, InputError, __version__, event_schema, read_documents

__all__ = ["Coder", "InputError", "__version__", "event_schema", "read_documents"]
