"""Reading fixture files strictly, remembering where every record came from.

YAML is parsed with a safe loader that
- keeps dates as strings (we parse partial dates ourselves and report impossible ones),
- refuses a key repeated inside one mapping (PyYAML would silently keep the last one),
- refuses anchors and aliases, and nesting deeper than any fixture needs, before building
  anything from them (so an alias "bomb" or 10,000 nested lists cost nothing),
- refuses text the database cannot store (NUL characters, lone surrogates),
- tags every mapping with the file and line it starts on, for error messages.

Files are read with a size limit, so that no input can make an import slow or large.
"""

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


class Problem(Exception):
    """One thing wrong with the fixtures, said so that a curator can find and fix it."""

    def __init__(self, location: Location, message: str, record: str = "", field: str = ""):
        self.location, self.message, self.record, self.field = location, message, record, field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.location)
        if self.record:
            where += f": {self.record}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class FixtureErrors(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the fixtures")


class LocatedMapping(dict[Any, Any]):
    """A YAML mapping that knows where it was written."""

    location: Location


# Limits on what one import reads. The seed files are a few kilobytes each.
MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
# A fixture nests document > section > record > citation list > citation > value: 6 levels.
MAX_DEPTH = 20


class _StrictLoader(yaml.SafeLoader):
    filename = "<fixture>"
    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # types-PyYAML leaves the pure-Python parser's peek_event untyped; it returns the
        # next event, as the C parser's (typed there) does.
        event: yaml.NodeEvent = self.peek_event()  # type: ignore[no-untyped-call]
        # The pure-Python parser's marks: the stubs' type also admits the C parser's.
        mark = cast(yaml.error.Mark | None, event.start_mark)
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            what = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
            raise yaml.composer.ComposerError(
                None,
                None,
                f"found the {what}{event.anchor}: anchors and aliases are not allowed in "
                "fixtures; write each value out",
                mark,
            )
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Timestamps stay strings: "2026-02-30" must reach our own date parser and its clear error.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LocatedMapping:
    mapping = LocatedMapping()
    mapping.location = Location(loader.filename, node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "found a list or mapping used as a key",
                key_node.start_mark,
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"found the key {key!r} twice",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_text(loader: _StrictLoader, node: yaml.ScalarNode) -> str:
    value = loader.construct_scalar(node)
    problem = unstorable(value)
    if problem:
        raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
    return value


def _construct_int(loader: _StrictLoader, node: yaml.ScalarNode) -> int:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, "a number too long to read", node.start_mark
        ) from None


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def unstorable(text: str) -> str:
    """Why the database cannot store ``text``, or "" if it can."""
    if "\x00" in text:
        return "contains a NUL character (\\0), which cannot be stored; remove it"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"contains {text[exc.start]!r}, half of a UTF-16 pair, which is not text"
    return ""


def read_utf8(path: Path, display: str, limit: int) -> str:
    """The file's text, or a Problem naming what is wrong with it: too large, unreadable,
    not UTF-8, or holding a NUL byte (which no database text column accepts)."""
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        raise Problem(Location(display, 1), f"cannot be read: {exc.strerror}") from None
    if len(data) > limit:
        raise Problem(
            Location(display, 1),
            f"larger than the {limit // (1024 * 1024)} MiB an imported file may be",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Problem(
            Location(display, line),
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; "
            "save the file as UTF-8",
        ) from None
    nul = text.find("\x00")
    if nul != -1:
        raise Problem(
            Location(display, text.count("\n", 0, nul) + 1),
            f"contains a NUL byte (0x00) at offset {nul}, which cannot be stored; remove it",
        )
    return text


def load_yaml(path: Path, display: str) -> object:
    text = read_utf8(path, display, MAX_YAML_BYTES)
    loader = None
    try:
        loader = _StrictLoader(text)
        loader.filename = display
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:
        line: int | None = text.count("\n", 0, exc.position) + 1
        raise Problem(
            Location(display, line),
            f"malformed YAML: the character {exc.character!r} is not allowed in YAML",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        raise Problem(Location(display, line), f"malformed YAML: {detail}") from None
    except yaml.YAMLError as exc:
        raise Problem(Location(display), f"malformed YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
