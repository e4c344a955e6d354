"""What the Python tests share: where the repository and the `warta`
binary are (WARTA_BIN, else the debug build), and a sentence with one act."""

import os
import pathlib

REPO = pathlib.Path(__file__).resolve().parents[3]
WARTA_BIN = pathlib.Path(os.environ.get("WARTA_BIN", REPO / "target" / "debug" / "warta"))

# One phone call: a CONSULT between Russia and Iran on 16 April 2024.
CALL = (
    "Presiden Rusia Vladimir Putin melakukan percakapan telepon dengan Presiden "
    "Iran Ebrahim Raisi pada Selasa (16/4/2024) untuk membahas situasi di Timur Tengah."
)
