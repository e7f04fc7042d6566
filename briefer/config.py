"""The user's settings: keys remapped by binding id, and the last theme chosen.

They live in ``config.toml`` in the platform's config folder
(``~/.config/briefer`` on Linux), or in ``$BRIEFER_CONFIG_DIR`` when set::

    theme = "briefer-paper"

    [keys]
    copy-quote = "c"
    next-hit = "n,ctrl+n"

A setting that cannot be understood is reported once and ignored, so a typo
never keeps briefer from opening.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_DIR_ENV = "BRIEFER_CONFIG_DIR"
CONFIG_FILE = "config.toml"
THEME_LINE = re.compile(r"^theme\s*=.*$", re.MULTILINE)


def config_folder() -> Path:
    configured = os.environ.get(CONFIG_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefer"))


@dataclass(frozen=True)
class Config:
    folder: Path
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return self.folder / CONFIG_FILE


def load_config(folder: Path | None = None) -> Config:
    folder = config_folder() if folder is None else folder
    path = folder / CONFIG_FILE
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return Config(folder)
    except OSError as exc:
        return Config(folder, warnings=(f"{path}: {exc.strerror or exc}",))
    except tomllib.TOMLDecodeError as exc:
        return Config(folder, warnings=(f"{path}: not valid TOML ({exc}); using defaults",))
    warnings: list[str] = []
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        warnings.append(f"{path}: theme must be a string")
        theme = None
    keys: dict[str, str] = {}
    table = data.get("keys", {})
    if not isinstance(table, dict):
        warnings.append(f'{path}: [keys] must be a table of binding id = "keys"')
        table = {}
    for binding_id, value in table.items():
        if isinstance(value, str) and value.strip():
            keys[binding_id] = value
        else:
            warnings.append(f'{path}: keys.{binding_id} must be a string such as "ctrl+n"')
    return Config(folder, theme, keys, tuple(warnings))


def save_theme(folder: Path, name: str) -> None:
    """Remember the theme, keeping the rest of the file as the user wrote it.

    Raises OSError when the folder cannot be written.
    """
    path = folder / CONFIG_FILE
    line = f"theme = {json.dumps(name)}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    table_start = re.search(r"^\s*\[", text, re.MULTILINE)
    head_end = table_start.start() if table_start else len(text)
    head, rest = text[:head_end], text[head_end:]
    if THEME_LINE.search(head):
        head = THEME_LINE.sub(lambda _: line, head, count=1)
    else:
        head = f"{line}\n{head}"
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{CONFIG_FILE}.{os.getpid()}")
    temporary.write_text(head + rest, encoding="utf-8")
    os.replace(temporary, path)
