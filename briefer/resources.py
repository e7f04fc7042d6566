"""Where the files shipped with briefer are: the sample briefing and the themes.

They live at the top of the repository (`seeds/`, `themes/`); a wheel carries
them inside the package as `briefer/bundled/`, a checkout or editable install
reads them in place.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def bundled_folder(name: str) -> Path:
    """The folder of bundled `name` files ("seeds" or "themes")."""
    packaged = _HERE / "bundled" / name
    return packaged if packaged.is_dir() else _HERE.parent / name
