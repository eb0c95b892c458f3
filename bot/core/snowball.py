"""Snowball's English stemmer: PyStemmer's C build of it, else the pure Python one alone.

PyStemmer (a dependency) compiles the same Snowball source to C: the same stems, 30-50 times
faster, which is a third of building the index of the shipped pack on a first start.

``import snowballstemmer`` runs a package ``__init__`` that imports every language's stemmer
(about as long as starting Python itself), while /ask needs English only. The stemmer module is
loaded from the package's folder under a private package name, so that ``__init__`` never runs;
if the layout is not the expected one, the package's public API is used instead.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Protocol

_PRIVATE = "_snowball_english"  # the package's folder, imported without its __init__


class Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...  # snowballstemmer's name


def english_stemmer() -> Stemmer:
    """Snowball's English (Porter2) stemmer: PyStemmer's when installed, else the pure Python
    one loaded alone when the installed package allows."""
    try:
        import Stemmer as pystemmer

        compiled: Stemmer = pystemmer.Stemmer("english")
        return compiled
    except ImportError:
        pass
    try:
        spec = importlib.util.find_spec("snowballstemmer")
        folders = list(spec.submodule_search_locations or []) if spec else []
        if folders and "Stemmer" not in sys.modules and importlib.util.find_spec("Stemmer") is None:
            if _PRIVATE not in sys.modules:
                package = types.ModuleType(_PRIVATE)
                package.__path__ = folders
                sys.modules[_PRIVATE] = package
            module = importlib.import_module(f"{_PRIVATE}.english_stemmer")
            stemmer: Stemmer = module.EnglishStemmer()
            return stemmer
    except (ImportError, AttributeError):
        pass
    # PyStemmer installed (snowballstemmer then prefers its C stemmers) or another layout
    import snowballstemmer

    public: Stemmer = snowballstemmer.stemmer("english")
    return public
