"""Reading fixture files strictly, remembering where every record came from.

YAML is parsed with a safe loader that
- keeps dates as strings (we parse partial dates ourselves and report impossible ones),
- refuses a key repeated inside one mapping (PyYAML would silently keep the last one),
- tags every mapping with the file and line it starts on, for error messages.
"""

from dataclasses import dataclass
from pathlib import Path

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


class Record(dict):
    """A YAML mapping that knows where it was written."""

    location: Location


class _StrictLoader(yaml.SafeLoader):
    filename = "<fixture>"


# Timestamps stay strings: "2026-02-30" must reach our own date parser and its clear error.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_record(loader: _StrictLoader, node: yaml.MappingNode) -> Record:
    record = Record()
    record.location = Location(loader.filename, node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in record:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"found the key {key!r} twice",
                key_node.start_mark,
            )
        record[key] = loader.construct_object(value_node, deep=True)
    return record


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_record)


def read_utf8(path: Path, display: str) -> str:
    """The file's text, or a Problem naming the first byte that is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Problem(
            Location(display, line),
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; "
            "save the file as UTF-8",
        ) from None


def load_yaml(path: Path, display: str) -> object:
    text = read_utf8(path, display)
    loader = _StrictLoader(text)
    loader.filename = display
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        raise Problem(Location(display, line), f"malformed YAML: {detail}") from None
    except yaml.YAMLError as exc:
        raise Problem(Location(display), f"malformed YAML: {exc}") from None
    finally:
        loader.dispose()
