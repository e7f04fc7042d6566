"""Themes shipped in `themes/*.toml` (and any in the user's config folder), one Textual Theme each.

A theme file is a flat TOML table of Textual `Theme` fields plus an optional
`[variables]` table. A file that cannot be read or has a bad value is skipped
with one warning; it never stops the app.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from briefer.resources import bundled_folder

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_THEME = "briefer-night"
FALLBACK_THEME = "textual-dark"

COLOR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
NUMBER_FIELDS = ("luminosity_spread", "text_alpha")
KNOWN_FIELDS = {f.name for f in fields(Theme)}
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
STYLE_WORDS = {"bold", "italic", "underline", "reverse", "strike", "dim", "blink", "none", "not"}
VARIABLE_REFERENCE = re.compile(r"\$[a-z][a-z0-9-]*( \d{1,3}%)?")


class ThemeError(ValueError):
    """A theme file that cannot be used, with the reason in one line."""


@dataclass(frozen=True)
class LoadedThemes:
    themes: tuple[Theme, ...]
    warnings: tuple[str, ...]


def _check_color(where: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{where} must be a color string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(f"{where} = {value!r} is not a color") from None
    return value


def _check_variable(name: str, value: object) -> str:
    """CSS variables are colors, text styles or references to other variables."""
    if not isinstance(value, str):
        raise ThemeError(f"variable {name} must be a string")
    if VARIABLE_REFERENCE.fullmatch(value) or set(value.split()) <= STYLE_WORDS:
        return value
    return _check_color(f"variable {name}", value)


def parse_theme(data: dict[str, object]) -> Theme:
    """A Theme from a theme file's table; raises ThemeError for anything Textual would choke on."""
    unknown = set(data) - KNOWN_FIELDS
    if unknown:
        raise ThemeError(f"unknown field {sorted(unknown)[0]!r}")
    name = data.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ThemeError("name must be lower-case letters, digits, '-' or '_'")
    if "primary" not in data:
        raise ThemeError("primary color is missing")
    values: dict[str, object] = {"name": name}
    for key in COLOR_FIELDS:
        if key in data:
            values[key] = _check_color(key, data[key])
    for key in NUMBER_FIELDS:
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ThemeError(f"{key} must be a number")
            values[key] = float(value)
    for key in ("dark", "ansi"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ThemeError(f"{key} must be true or false")
            values[key] = data[key]
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError("[variables] must be a table")
    values["variables"] = {str(k): _check_variable(str(k), v) for k, v in variables.items()}
    return Theme(**values)  # type: ignore[arg-type]


def load_theme_file(path: Path) -> Theme:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ThemeError(exc.strerror or str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"not valid TOML ({exc})") from None
    return parse_theme(data)


def theme_folders(config_folder: Path | None) -> list[Path]:
    """The bundled themes, then the user's own (which may replace a bundled one by name)."""
    folders = [bundled_folder("themes")]
    if config_folder is not None:
        folders.append(config_folder / "themes")
    return folders


def load_themes(folders: Iterable[Path]) -> LoadedThemes:
    themes: dict[str, Theme] = {}
    warnings: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            try:
                theme = load_theme_file(path)
            except ThemeError as exc:
                warnings.append(f"theme {path.name} skipped: {exc}")
                continue
            themes[theme.name] = theme
    return LoadedThemes(tuple(themes.values()), tuple(warnings))
