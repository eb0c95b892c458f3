"""Snowball's English stemmer without the other 30 languages.

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
    """Snowball's English (Porter2) stemmer, loaded alone when the installed package allows."""
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
