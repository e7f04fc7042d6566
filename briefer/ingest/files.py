"""Finding the files a briefing is made of, and reading their bytes safely."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefer.model import Notice

FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
IGNORED_FOLDERS = {"__pycache__", "node_modules"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_ENV = "BRIEFER_MAX_FILE_MB"


# What must not reach the terminal from a file name: controls and escapes, and
# the invisible characters that reorder text.
_UNSAFE_IN_NAME = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def display_name(path: str) -> str:
    """A path as it may be shown and printed: a file name is untrusted text too.

    Undecodable bytes (kept by Python as lone surrogates, which cannot be
    written to a UTF-8 stream) become U+FFFD, and control characters "?", as
    `ls` shows them.
    """
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _UNSAFE_IN_NAME.sub("?", text)


class PathError(ValueError):
    """A path the user gave does not exist or cannot be read (one line for stderr)."""


@dataclass(frozen=True)
class Source:
    """A file to read: where it is, how the user will see it named, and its format.

    `stat` is its size and modification time when it was found (None when it
    could not be stat'ed), to tell cheaply whether it changed since it was
    last read.
    """

    path: str
    display: str
    format: str
    stat: tuple[int, int] | None = None


def max_bytes_from_env() -> int:
    value = os.environ.get(MAX_BYTES_ENV, "")
    try:
        return int(float(value) * 1024 * 1024) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def _format_of(name: str) -> str | None:
    return FORMATS.get(os.path.splitext(name)[1].lower())


def _walk(root: Path, display: str, notices: list[Notice]) -> Iterator[tuple[str, str, str]]:
    """Files under `root`, sorted, following symlinks once and skipping hidden folders."""
    seen: set[tuple[int, int]] = set()

    def onerror(error: OSError) -> None:
        where = _shown(root, display, Path(error.filename)) if error.filename else display
        notices.append(Notice(where, error.strerror or str(error)))

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            notices.append(
                Notice(_shown(root, display, Path(folder)), "symlink loop, not followed")
            )
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in IGNORED_FOLDERS)
        inside = os.path.relpath(folder, root)  # once a folder: per file it is a tenth of a walk
        shown_folder = display if inside == "." else os.path.join(display, inside)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)  # a string: a Path per file costs a tenth of a walk
            shown = display_name(os.path.join(shown_folder, name))
            fmt = _format_of(name)
            if fmt is None:
                notices.append(Notice(shown, "not a .txt, .md or .markdown file"))
            else:
                yield path, shown, fmt


def _shown(root: Path, display: str, path: Path) -> str:
    return display_name(os.path.join(display, os.path.relpath(path, root)))


def find_sources(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Source], list[Notice]]:
    """Every readable-looking file under `paths`, each once, in a stable order.

    A file is told apart by its device and inode, from the one stat that also
    gives its size and time (resolving each path would stat every folder above
    it, a quarter of reopening 10,000 files); one that cannot be stat'ed, by
    its resolved path. Raises `PathError` for a path that does not exist: the
    user typed it, so they need to hear about it rather than get an empty
    briefing.
    """
    sources: list[Source] = []
    notices: list[Notice] = []
    seen: set[object] = set()
    for given in paths:
        display = display_name(os.path.normpath(os.fspath(given)))
        path = Path(given)
        if path.is_dir():
            _check_listable(path, display)
            found: Iterable[tuple[str, str, str]] = _walk(path, display, notices)
        elif path.is_file():
            found = [(os.fspath(path), display, _format_of(path.name) or "text")]
        elif path.exists() or path.is_symlink():
            raise PathError(f"{display}: not a file or folder")
        else:
            raise PathError(f"{display}: no such file or folder")
        for file, shown, fmt in found:
            try:
                st = os.stat(file)
            except OSError:
                key: object = os.path.realpath(file)
                size_time = None
            else:
                key, size_time = (st.st_dev, st.st_ino), (st.st_size, st.st_mtime_ns)
            if key not in seen:
                seen.add(key)
                sources.append(Source(file, shown, fmt, size_time))
    return sources, notices


def _check_listable(folder: Path, display: str) -> None:
    """A folder the user named must be readable: an empty briefing would hide why."""
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        raise PathError(f"{display}: {exc.strerror or exc}") from exc


def read_bytes(source: Source, max_bytes: int) -> bytes:
    """The file's bytes; raises OSError (or `FileTooLarge`) with a message fit for the user.

    Opened without blocking and read only if it is a regular file, so a FIFO or
    a device that happens to be called `x.txt` cannot hang or flood the reader.
    """
    fd = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile()
        if st.st_size > max_bytes:
            raise FileTooLarge(st.st_size, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLarge(len(data), max_bytes)
    return data


class NotRegularFile(OSError):
    def __init__(self) -> None:
        super().__init__("not a regular file (a pipe, socket or device)")


class FileTooLarge(OSError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"{size / 1048576:.1f} MB is over the {limit / 1048576:g} MB limit "
            f"(set {MAX_BYTES_ENV} to raise it)"
        )
