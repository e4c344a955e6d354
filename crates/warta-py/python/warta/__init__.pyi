from os import PathLike
from typing import Any, Dict, List, Optional, Union

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
