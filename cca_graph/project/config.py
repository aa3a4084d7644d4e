"""Where the graph lives and which servers it goes to: ``cca-graph.toml``.

Moving from the embedded store to a server is a change of configuration, not
of code. The file names stores (SPARQL endpoints, Bolt servers, local graph
folders) and which of them each verb uses by default::

    [graph]
    default = "out"                  # the graph folder when --graph is not given

    [stores.fuseki]
    kind = "sparql"                  # sparql | bolt | local
    url = "http://127.0.0.1:3030/cca"
    user = "loader"
    password_env = "SPARQL_PASSWORD" # the NAME of the variable holding the password

    [defaults]
    push = "fuseki"
    query = "fuseki"

A password is never written in the file: a ``password`` key is refused.

Every key has an environment variable that overrides it: ``CCA_GRAPH_``, then
the section, the store's name and the key, upper case, ``-`` written ``_``
(``CCA_GRAPH_GRAPH_DEFAULT``, ``CCA_GRAPH_DEFAULTS_PUSH``,
``CCA_GRAPH_STORES_FUSEKI_URL``). ``CCA_GRAPH_STORE`` names the default store
of both verbs (``CCA_GRAPH_DEFAULTS_PUSH`` and ``_QUERY`` win over it), and a
store may be made in the environment alone, starting from its ``_KIND``.
A local store named by ``CCA_GRAPH_STORE`` is the default of ``query`` only:
``push`` keeps the file's ``[defaults] push``.
Precedence, highest first: a flag on the command line, the environment, the
file, the built-in default.

Every problem is collected and reported as ``path:line: field: message``.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import CcaError, InputError, Problem, UnknownNameError
from ..safety import control_problem, port_problem, printable, server_url

__all__ = ["CONFIG_FILE", "CONFIG_ENV", "STORE_ENV", "KINDS", "Config", "StoreConfig", "ConfigProblem",
           "find_config", "load_config", "read_config", "env_name"]

CONFIG_FILE = "cca-graph.toml"
#: names the configuration file, when --config does not
CONFIG_ENV = "CCA_GRAPH_CONFIG"
#: names the default store of every verb
STORE_ENV = "CCA_GRAPH_STORE"
_PREFIX = "CCA_GRAPH_"
#: the sections of the file
SECTIONS = ("graph", "stores", "defaults")
KINDS = ("sparql", "bolt", "local")
#: the keys each kind of store takes, besides ``kind``
_KEYS = {
    "sparql": ("url", "gsp_url", "query_url", "update_url", "user", "password_env"),
    "bolt": ("uri", "user", "password_env", "database"),
    "local": ("graph",),
}
_REQUIRED = {"sparql": "url", "bolt": "uri", "local": "graph"}
_ALL_KEYS = ("kind", *sorted({k for keys in _KEYS.values() for k in keys}))
_URL_KEYS = ("url", "gsp_url", "query_url", "update_url")
_VERBS = ("push", "query")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_ENV_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]#]+?)\s*\]")


class ConfigProblem(Problem):
    """A problem in the configuration: in a file (with its line) or in an environment variable (without)."""

    def __str__(self) -> str:
        if self.line:
            return super().__str__()
        return printable(f"{self.path}: {self.field}: {self.message}")


@dataclass(frozen=True)
class StoreConfig:
    """One named store: a SPARQL 1.1 store, a Bolt server or a local graph folder.

    Examples
    --------
    >>> StoreConfig("fuseki", "sparql", url="http://127.0.0.1:3030/cca/").endpoint
    'http://127.0.0.1:3030/cca/query'
    >>> StoreConfig("fuseki", "sparql", url="http://h/cca", user="me").overridden(user="you", url=None).user
    'you'
    """

    name: str
    kind: str
    url: str | None = None
    gsp_url: str | None = None
    query_url: str | None = None
    update_url: str | None = None
    uri: str | None = None
    user: str | None = None
    password_env: str | None = None
    database: str | None = None
    graph: str | None = None

    @property
    def endpoint(self) -> str | None:
        """Where a SPARQL store answers queries: ``query_url``, else ``url/query`` (Fuseki's layout)."""
        if self.kind != "sparql":
            return None
        return self.query_url or f"{self.url.rstrip('/')}/query"

    def overridden(self, **flags: str | None) -> StoreConfig:
        """This store with the values given on the command line (``None``: not given) in place of its own."""
        return replace(self, **{k: v for k, v in flags.items() if v is not None})

    def password(self, default_env: str) -> str | None:
        """The password of ``user``, read from ``password_env`` (else ``default_env``); None without a user.

        Raises
        ------
        CcaError
            When there is a user and the variable is not set.
        """
        if not self.user:
            return None
        variable = self.password_env or default_env
        if variable not in os.environ:
            raise CcaError(f"the user {self.user} of {self._shown()} needs its password in the environment "
                           f"variable {variable}, which is not set (or name another with password_env)")
        return os.environ[variable]

    def password_place(self, default_env: str, flag: str | None = None) -> str:
        """Where the password of ``user`` is read from, as a message names it.

        ``flag``: the variable --password-env named, which this store's
        ``password_env`` then holds.

        Examples
        --------
        >>> StoreConfig("lab", "sparql", password_env="LAB_PW").password_place("SPARQL_PASSWORD")
        "the environment variable LAB_PW (store lab's password_env)"
        >>> StoreConfig("", "sparql").password_place("SPARQL_PASSWORD")
        'the environment variable SPARQL_PASSWORD (the default; --password-env names another)'
        """
        if flag:
            return f"the environment variable {flag} (--password-env)"
        if self.password_env:
            return f"the environment variable {self.password_env} (store {self.name}'s password_env)"
        return f"the environment variable {default_env} (the default; --password-env names another)"

    def _shown(self) -> str:
        return "the command line" if not self.name else f"store {self.name!r}"


@dataclass(frozen=True)
class Config:
    """The configuration in force: the file (if any) with the environment over it.

    Examples
    --------
    >>> config = read_config('[stores.lab]\\nkind = "sparql"\\nurl = "http://127.0.0.1:3030/cca"\\n'
    ...                      '[defaults]\\nquery = "lab"\\n', "cca-graph.toml",
    ...                      environ={"CCA_GRAPH_STORES_LAB_URL": "http://10.0.0.5:3030/cca"})
    >>> config.default_store("query").endpoint
    'http://10.0.0.5:3030/cca/query'
    >>> config.default_store("push") is None
    True
    """

    path: Path | None = None
    graph: str | None = None
    stores: dict[str, StoreConfig] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    def store(self, name: str) -> StoreConfig:
        """The store called ``name``.

        Raises
        ------
        UnknownNameError
            When no store has that name (the message lists those that do).
        """
        if name in self.stores:
            return self.stores[name]
        if not self.stores:
            where = self.path or f"./{CONFIG_FILE}"
            raise CcaError(f"unknown store {name!r}: no store is configured (looked in {where} and "
                           f"{_PREFIX}STORES_* variables; see docs/configuration.md)")
        raise UnknownNameError("store", name, list(self.stores))

    def default_store(self, verb: str) -> StoreConfig | None:
        """The store ``verb`` (``push`` or ``query``) uses when the command line names none."""
        name = self.defaults.get(verb)
        return self.stores[name] if name else None


def env_name(*parts: str) -> str:
    """The environment variable of a key: ``CCA_GRAPH_`` and the parts, upper case, ``-`` as ``_``.

    Examples
    --------
    >>> env_name("stores", "my-fuseki", "query_url")
    'CCA_GRAPH_STORES_MY_FUSEKI_QUERY_URL'
    """
    return _PREFIX + "_".join(p.upper().replace("-", "_") for p in parts)


def find_config(path: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The configuration file: ``path``, else ``$CCA_GRAPH_CONFIG``, else ``./cca-graph.toml`` if there is one.

    Raises
    ------
    CcaError
        When ``path`` or the variable names a file that is not there.
    """
    environ = os.environ if environ is None else environ
    for named, by in ((path, "--config"), (environ.get(CONFIG_ENV), CONFIG_ENV)):
        if named:
            if not Path(named).is_file():
                raise CcaError(f"{printable(str(named))}: no such configuration file (named by {by})")
            return Path(named)
    local = Path(CONFIG_FILE)
    return local if local.is_file() else None


def load_config(path: str | Path | None = None, *, environ: Mapping[str, str] | None = None,
                uses: Collection[str] = SECTIONS) -> Config:
    """The configuration in force: the file :func:`find_config` finds, with the environment over it.

    Without a file, only the environment (often nothing: every verb keeps its
    built-in defaults). ``uses`` as in :func:`read_config`.

    Raises
    ------
    InputError
        Listing every problem of the file and the environment.
    """
    found = find_config(path, environ)
    if found is None:
        return read_config("", None, environ=environ, uses=uses)
    try:
        text = found.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([ConfigProblem(str(found), 0, "toml", f"not UTF-8 ({exc.reason} at byte {exc.start})")])
    return read_config(text, found, environ=environ, uses=uses)


def read_config(text: str, path: str | Path | None, *, environ: Mapping[str, str] | None = None,
                uses: Collection[str] = SECTIONS) -> Config:
    """The configuration written in ``text`` (the file at ``path``), with the environment over it.

    Relative folders in the file are read from the file's folder; those in the
    environment from the working folder. ``uses`` names the sections the
    caller reads: a verb that needs only the graph folder (``("graph",)``) is
    not stopped by a store it never asks, and gets no stores. A syntax error
    or an unknown section stops every verb.

    Raises
    ------
    InputError
        Listing every problem, each as ``path:line: field: message``.

    Examples
    --------
    >>> read_config('[stores.lab]\\nkind = "sparql"\\nurl = "http://h/cca"\\npassword = "x"\\n', "lab.toml")
    Traceback (most recent call last):
    ...
    cca_graph.errors.InputError: 1 problem in the input:
    lab.toml:4: stores.lab.password: a password is never written in the configuration; put it in an environment variable and name that variable with password_env
    """
    environ = os.environ if environ is None else environ
    reader = _Reader(str(path) if path is not None else CONFIG_FILE, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_WHERE.search(str(exc))
        line = int(where.group(1)) if where and where.group(1) else len(text.splitlines())
        message = str(exc)[: where.start()] if where else str(exc)
        raise InputError([ConfigProblem(reader.path, line, "toml", message)]) from None
    folder = Path(path).parent if path is not None else Path()
    graph, stores, defaults = reader.read(data, environ, folder)
    unused = set(SECTIONS) - set(uses)
    problems = [p for p in reader.problems if p.field.split(".")[0] not in unused]
    if problems:
        raise InputError(problems)
    if unused:
        stores, defaults = ({} if "stores" in unused else stores), ({} if "defaults" in unused else defaults)
    return Config(Path(path) if path is not None else None, graph, stores, defaults)


@dataclass
class _Value:
    """A value and where it was set: a line of the file or an environment variable."""

    value: object
    path: str
    line: int = 0
    folder: Path = field(default_factory=Path)
    #: the value this one overrides, when it may not apply (CCA_GRAPH_STORE over [defaults])
    behind: _Value | None = None


class _Reader:
    """Reads the parsed file and the environment into a :class:`Config`, collecting problems."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[ConfigProblem] = []

    def problem(self, at: _Value, name: str, message: str) -> None:
        self.problems.append(ConfigProblem(at.path, at.line, name, message))

    def _here(self, value: object, *keys: str, folder: Path = Path()) -> _Value:
        return _Value(value, self.path, _line_of(self.lines, keys), folder)

    def read(self, data: dict, environ: Mapping[str, str], folder: Path) -> tuple:
        """The graph folder, the stores and the defaults; problems in ``self.problems``."""
        graph: dict[str, _Value] = {}
        stores: dict[str, dict[str, _Value]] = {}
        defaults: dict[str, _Value] = {}
        for section, body in data.items():
            if section not in SECTIONS:
                self.problem(self._here(body, section), section, "unknown section; known: defaults, graph, stores")
            elif not isinstance(body, dict):
                self.problem(self._here(body, section), section, "must be a table ([" + section + "])")
            elif section == "stores":
                for name, keys in body.items():
                    if not isinstance(keys, dict):
                        self.problem(self._here(keys, "stores", name), f"stores.{name}",
                                     f"must be a table ([stores.{name}]) with kind and its keys")
                        continue
                    stores[name] = {k: self._here(v, "stores", name, k, folder=folder) for k, v in keys.items()}
                    stores[name][""] = self._here(None, "stores", name)  # where the store itself is
            else:
                into = graph if section == "graph" else defaults
                into.update({k: self._here(v, section, k, folder=folder) for k, v in body.items()})
        self._environment(environ, graph, stores, defaults)
        return self._graph(graph), self._stores(stores), self._defaults(defaults, stores)

    # -- the environment over the file ---------------------------------------------

    def _environment(self, environ, graph, stores, defaults) -> None:
        def variable(name: str) -> _Value | None:
            claimed.add(name)
            value = environ.get(name)
            return _Value(value, f"environment variable {name}") if value else None

        claimed = {CONFIG_ENV, STORE_ENV}
        # a store named only in the environment starts from its kind
        for name in sorted(environ):
            match = re.fullmatch(rf"{_PREFIX}STORES_(\w+?)_KIND", name)
            if match and environ[name] and not any(env_name("stores", s, "kind") == name for s in stores):
                stores[match.group(1).lower()] = {"": _Value(None, f"environment variable {name}")}
        prefixes: dict[str, str] = {}
        for store, keys in stores.items():
            prefix = env_name("stores", store)
            if prefix in prefixes:
                self.problem(keys[""], f"stores.{store}", f"has the environment variables of store "
                             f"{prefixes[prefix]!r} ({prefix}_…); rename one of them")
            prefixes[prefix] = store
            for key in ("password", *_ALL_KEYS):
                if (found := variable(env_name("stores", store, key))) is not None:
                    keys[key] = found
        if (found := variable(env_name("graph", "default"))) is not None:
            graph["default"] = found
        every_verb = variable(STORE_ENV)
        for verb in _VERBS:
            found = variable(env_name("defaults", verb))
            if found is None and every_verb is not None:
                # the file's choice stays behind it: a local store named there is no place to push to
                found = replace(every_verb, behind=defaults.get(verb))
            if found is not None:
                defaults[verb] = found
        for name in sorted(environ):
            if name.startswith((env_name("stores") + "_", env_name("defaults") + "_", env_name("graph") + "_")) \
                    and name not in claimed and environ[name]:
                section, rest = name[len(_PREFIX):].lower().split("_", 1)
                if section == "stores":
                    where, why = "stores", "names no store (a store made in the environment needs its _KIND)"
                else:
                    where, why = f"{section}.{rest}", f"unknown key of [{section}]"
                self.problem(_Value(None, f"environment variable {name}"), where, why)

    # -- each section, checked -----------------------------------------------------

    def _graph(self, graph: dict[str, _Value]) -> str | None:
        for key, at in graph.items():
            if key != "default":
                self.problem(at, f"graph.{key}", "unknown key; known: default")
        at = graph.get("default")
        if at is None or not self._text(at, "graph.default"):
            return None
        return str(at.folder / at.value)

    def _stores(self, stores: dict[str, dict[str, _Value]]) -> dict[str, StoreConfig]:
        found = {}
        for name, keys in sorted(stores.items()):
            store = self._store(name, keys)
            if store is not None:
                found[name] = store
        return found

    def _store(self, name: str, keys: dict[str, _Value]) -> StoreConfig | None:
        where, at_kind = keys.pop(""), keys.get("kind")
        if not _NAME.match(name):
            self.problem(where, f"stores.{name}", "a store's name is letters, digits, - and _ "
                                                  "(starting with a letter or digit)")
            return None
        prefix = f"stores.{name}"
        if at_kind is None:
            self.problem(where, f"{prefix}.kind", f"missing; one of {', '.join(KINDS)}")
            return None
        if not self._text(at_kind, f"{prefix}.kind"):
            return None
        kind = at_kind.value
        if kind not in KINDS:
            self.problem(at_kind, f"{prefix}.kind", f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
            return None
        values, fine = {}, True
        for key, at in sorted(keys.items()):
            if key == "kind":
                continue
            fine &= self._store_key(kind, f"{prefix}.{key}", key, at)
            values[key] = at
        required = _REQUIRED[kind]
        if required not in values:
            self.problem(where, f"{prefix}.{required}", f"missing: a {kind} store needs its {required}")
            fine = False
        if not fine:
            return None
        settings = {k: (str(at.folder / at.value) if k == "graph" else at.value) for k, at in values.items()}
        return StoreConfig(name, kind, **settings)

    def _store_key(self, kind: str, name: str, key: str, at: _Value) -> bool:
        if key == "password":
            if at.line:
                self.problem(at, name, "a password is never written in the configuration; put it in an "
                                       "environment variable and name that variable with password_env")
            else:
                self.problem(at, name, "not read: the password comes from the variable that password_env names "
                                       f"(set {at.path.split()[-1]}_ENV to the name of this variable)")
            return False
        if key not in _KEYS[kind]:
            other = [k for k, keys in _KEYS.items() if key in keys]
            what = f"is for a {' or '.join(other)} store" if other else "unknown key"
            self.problem(at, name, f"{what}; a {kind} store takes kind, {', '.join(_KEYS[kind])}")
            return False
        if not self._text(at, name):
            return False
        value = at.value
        if key in _URL_KEYS:
            return self._url(at, name, ("http", "https"), "an http:// or https:// URL")
        if key == "uri":
            return self._url(at, name, _BOLT_SCHEMES, "a Bolt URI (bolt://HOST:PORT, neo4j://, +s or +ssc for TLS)")
        if key == "password_env" and not _ENV_VARIABLE.match(value):
            self.problem(at, name, "names the environment variable that holds the password (such as "
                                   "SPARQL_PASSWORD), not the password")
            return False
        return True

    def _url(self, at: _Value, name: str, schemes: tuple[str, ...], what: str) -> bool:
        why = port_problem(at.value)
        if why is not None:
            self.problem(at, name, why)
            return False
        fine, credentials = server_url(at.value, schemes)
        if credentials:
            self.problem(at, name, "holds a user name or password; give the user with user and the password in an "
                                   "environment variable named by password_env")
            return False
        if not fine:
            self.problem(at, name, f"{at.value!r} is not {what}")
        return fine

    def _defaults(self, defaults: dict[str, _Value], stores: dict) -> dict[str, str]:
        chosen = {}
        for verb, at in sorted(defaults.items()):
            name = f"defaults.{verb}"
            if verb not in _VERBS:
                self.problem(at, name, f"unknown key; known: {', '.join(_VERBS)}")
                continue
            while at is not None and self._text(at, name):
                keys = stores.get(at.value)
                if keys is None:
                    self.problem(at, name, f"names no store {at.value!r}; known: {', '.join(sorted(stores)) or 'none'}")
                elif verb == "push" and getattr(keys.get("kind"), "value", None) == "local":
                    if at.path == f"environment variable {STORE_ENV}":
                        at = at.behind  # the store of every verb: a local one is for the verbs that read
                        continue
                    self.problem(at, name, f"store {at.value!r} is a local graph folder; push goes to a sparql "
                                           "or bolt store")
                else:
                    chosen[verb] = at.value
                break
        return chosen

    def _text(self, at: _Value, name: str) -> bool:
        if not isinstance(at.value, str) or not at.value.strip():
            self.problem(at, name, f"must be a text in quotes, got {at.value!r}")
            return False
        why = control_problem(at.value)
        if why:
            self.problem(at, name, why)
        return why is None


def _line_of(lines: list[str], keys: tuple[str, ...]) -> int:
    """The line that sets ``keys`` (a table header, a key under one, a dotted key); else that of the
    nearest table holding it; 0 when none is found.

    A plain scan rather than a second parser: the file has already parsed, so its lines are sound.
    """
    for depth in range(len(keys), 0, -1):
        wanted = keys[:depth]
        current: tuple[str, ...] = ()
        for number, line in enumerate(lines, 1):
            header = _HEADER.match(line)
            if header:
                current = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
                if current == wanted:
                    return number
                continue
            if current == wanted[: len(current)] and len(current) < len(wanted):
                rest = r"\s*\.\s*".join(rf"[\"']?{re.escape(k)}[\"']?" for k in wanted[len(current):])
                if re.match(rf"\s*{rest}\s*=", line):
                    return number
    return 0
