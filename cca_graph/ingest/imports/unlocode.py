"""The UN/LOCODE code list, read offline, and the curated crosswalk of cities governed under another name.

Registries key cities by UN/LOCODE (``DE HAM``, ``ZA PRY``). The code list is
UNECE's, as the ``pyunlocode`` package on PyPI ships it (release 2023-1, three
CSV files of about 116,000 codes), read from its files without importing the
package, like the place gazetteer (:mod:`.gazetteer`). Each code gives a name,
the name without diacritics and the suffix of its subdivision (``HH``,
``GP``), which become the entry :func:`~.openclimate.read_locodes` gives for
a table row: name, country and parent (the ISO 3166-2 code the suffix makes,
or the country when pycountry knows no such code).

A city's name is not always its government's: Pretoria is governed by the City
of Tshwane, Durban by eThekwini. The shipped table
``loaders/tables/locode-governments.csv`` (:func:`read_crosswalk`) names the
government of such codes, with the source that states it.

Examples
--------
>>> codes = UNLocodes.load()
>>> codes.entry("ZA PRY")["name"], codes.entry("ZA PRY")["parent"]
('Pretoria', 'ZA-GP')
>>> codes.entry("BG SOF")["parent"]
'BG-22'
>>> codes.entry("XX ZZZ") is None
True
"""
from __future__ import annotations

import csv
import importlib.util
import re
import time
from pathlib import Path

import pycountry

from ...errors import InputError, Problem
from ..cases import shown_path
from ..model import ID_PATTERN
from .resolve import slug
from .tables import read_rows, shipped_table, text_problems

__all__ = ["UNLocodes", "read_crosswalk", "CROSSWALK", "CROSSWALK_COLUMNS", "ATTRIBUTION", "LOCODE_PATTERN",
           "place_name"]

#: how to credit the code list wherever a fact placed by it is shown
ATTRIBUTION = "UN/LOCODE, United Nations Economic Commission for Europe (UNECE), release 2023-1, via the pyunlocode package"
#: the shipped table of codes whose city is governed under another name
CROSSWALK = "locode-governments.csv"
CROSSWALK_COLUMNS = ["locode", "node", "name", "source"]
#: a UN/LOCODE as registries write it: country, a space, three letters or digits 2-9
LOCODE_PATTERN = re.compile(r"[A-Z]{2} [A-Z2-9]{3}")
#: the package and the files of its release
_PACKAGE = "pyunlocode"
_PARTS = ("2023-1 UNLOCODE CodeListPart1.csv", "2023-1 UNLOCODE CodeListPart2.csv",
          "2023-1 UNLOCODE CodeListPart3.csv")
#: UNECE's columns: change mark, country, location, name, name without diacritics, subdivision, …
_MARK, _COUNTRY, _LOCATION, _NAME, _PLAIN, _SUBDIVISION = range(6)


def _package_folder() -> Path:
    """The folder of the installed package, found without importing it."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {_PACKAGE!r} is not installed (pip install {_PACKAGE})")
    return Path(next(iter(spec.submodule_search_locations)))


def place_name(name: str) -> str:
    """The name a UN/LOCODE entry gives its place, less an alternative in brackets and the larger place after '/'.

    >>> place_name("Bruxelles (Brussel)")
    'Bruxelles'
    >>> place_name("Auderghem (Oudergem)/Brussel (Bruxelles)")
    'Auderghem'
    """
    return re.sub(r"\s*\(.*?\)", "", name.split("/")[0]).strip() or name.strip()


class UNLocodes:
    """The UN/LOCODE code list: code -> (name, name without diacritics, subdivision suffix).

    Read on first use and kept for the process (:meth:`load`); ``seconds`` says
    how long reading took. A code listed twice (Brussels under its French and
    its Dutch names) keeps its first entry. Entries marked for deletion
    (change mark ``X``) are left out.
    """

    _loaded: UNLocodes | None = None

    def __init__(self, codes: dict[str, tuple[str, str, str]]):
        self._codes = codes
        self.seconds = 0.0

    @classmethod
    def load(cls) -> UNLocodes:
        if cls._loaded is None:
            started = time.perf_counter()
            folder, codes = _package_folder() / "csv", {}
            for part in _PARTS:
                # UNECE writes the list in ISO 8859-1
                with open(folder / part, encoding="latin-1", newline="") as fh:
                    for row in csv.reader(fh):
                        if len(row) > _SUBDIVISION and row[_LOCATION] and row[_MARK] != "X":
                            codes.setdefault(f"{row[_COUNTRY]} {row[_LOCATION]}",
                                             (row[_NAME], row[_PLAIN], row[_SUBDIVISION]))
            cls._loaded = cls(codes)
            cls._loaded.seconds = time.perf_counter() - started
        return cls._loaded

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, locode: str) -> bool:
        return locode in self._codes

    def entry(self, locode: str) -> dict | None:
        """``{"name", "plain", "country", "parent", "subdivision"}`` for ``locode``, or None when not listed.

        ``parent`` is the ISO 3166-2 code the subdivision suffix makes in the
        code's country, or the country when there is none or pycountry does
        not know it (``subdivision`` keeps the suffix as listed).
        """
        found = self._codes.get(locode)
        if found is None:
            return None
        name, plain, sub = found
        country = locode[:2]
        code = f"{country}-{sub}"
        parent = code if sub and pycountry.subdivisions.get(code=code) else country
        return {"name": place_name(name), "plain": place_name(plain), "country": country, "parent": parent,
                "subdivision": sub}


def read_crosswalk(path: Path | str | None = None) -> dict[str, dict]:
    """The table of UN/LOCODEs whose city is governed under another name.

    Rows have ``locode`` (``ZA PRY``), ``node`` (the government's id in the
    graph, ``ZA-GP.tshwane``, or its ISO 3166 code), ``name`` (the
    government's name, ``Tshwane``) and ``source`` (where the identity is
    stated: the municipality's own site, a registry row's address).

    Returns
    -------
    dict
        ``{locode: {"node", "name", "source", "line"}}``.

    Raises
    ------
    InputError
        With every malformed row: a code that is not a UN/LOCODE or is listed
        twice, a node that is not an id of the code's country, an empty name
        or source.
    """
    path = Path(path) if path else shipped_table(CROSSWALK)
    shown, problems = shown_path(path), []

    def problem(line: int, column: str, message: str) -> None:
        problems.append(Problem(shown, line, column, message))

    found: dict[str, dict] = {}
    for line, row in read_rows(path, CROSSWALK_COLUMNS, problem):
        faults = text_problems(row, CROSSWALK_COLUMNS)
        locode, node = " ".join(row["locode"].split()).upper(), row["node"]
        if not LOCODE_PATTERN.fullmatch(locode):
            faults.append(("locode", f"expected two letters, a space and three letters or digits, got {row['locode']!r}"))
        elif locode in found:
            faults.append(("locode", f"{locode!r} is listed twice (first at line {found[locode]['line']})"))
        elif not ID_PATTERN.fullmatch(node) or node.split(".")[0].split("-")[0] != locode[:2]:
            faults.append(("node", f"{node!r} is not the id of a government of {locode[:2]}"))
        elif "." in node and not pycountry.subdivisions.get(code=node.split(".")[0]):
            faults.append(("node", f"{node!r} does not start with an ISO 3166-2 code of its region"))
        elif "." in node and row["name"] and node != f"{node.rsplit('.', 1)[0]}.{slug(row['name'])}":
            # the id the import makes of the name: a graph that lacks the government gets it under this id
            faults.append(("node", f"{node!r} is not the id the name makes ({node.rsplit('.', 1)[0]}."
                                   f"{slug(row['name'])})"))
        for column in ("name", "source"):
            if not row[column]:
                faults.append((column, "empty: say the government's name and where it is stated"))
        for column, message in faults:
            problem(line, column, message)
        if not faults:
            found[locode] = {"node": node, "name": row["name"], "source": row["source"], "line": line}
    if problems:
        raise InputError(problems)
    return found
