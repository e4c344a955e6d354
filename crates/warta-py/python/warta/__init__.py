"""Warta: political event data from Indonesian news.

``Coder().code(text)`` returns the events a text reports, who did what to
whom, when and where, as dicts with the fields of Warta's record contract
(PLOVER type and mode, CAMEO code, actors and recipients with their
countries, date, place, casualty counts, the sentence and the rule).
"""

from ._warta import Coder, InputError, __version__

__all__ = ["Coder", "InputError", "__version__"]
