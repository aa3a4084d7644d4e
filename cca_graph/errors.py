"""Exceptions raised by cca-graph.

Library code raises these; only the CLI turns them into messages and exit codes.
Input problems are collected into a list and reported together, each as
``path:line: field: message``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .safety import printable

__all__ = [
    "CcaError",
    "Problem",
    "InputError",
    "StoreNotFoundError",
    "QueryError",
    "UnknownNameError",
    "UnknownEntityError",
]


class CcaError(Exception):
    """Base class of every error cca-graph raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input file.

    Parameters
    ----------
    path : str
        The file, as the user named it (or relative to the case folder).
    line : int
        1-based line number; 0 when the problem concerns the file as a whole.
    field : str
        The record field (or ``yaml``, ``record``, ``shacl``) at fault.
    message : str
        What is wrong, in plain words.
    """

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        # escaped: a path or message may carry bytes from the input that a terminal would act on
        return printable(f"{self.path}:{self.line}: {self.field}: {self.message}")


class InputError(CcaError):
    """Input that cannot be turned into a graph; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input"
        super().__init__(head + ":\n" + "\n".join(str(p) for p in self.problems))


class StoreNotFoundError(CcaError):
    """No built store where one was expected."""


class QueryError(CcaError):
    """A query that cannot be parsed or run."""


class UnknownNameError(CcaError):
    """A name (format, query, country…) that is not one of the known ones."""

    def __init__(self, kind: str, name: str, known: list[str], why: str | None = None):
        self.kind, self.name, self.known = kind, name, sorted(known)
        head = why or f"unknown {kind} {name!r}"
        super().__init__(f"{head}; known: {', '.join(self.known)}")


class UnknownEntityError(CcaError):
    """An id that names no entity of the graph (or of the part of it in view)."""
