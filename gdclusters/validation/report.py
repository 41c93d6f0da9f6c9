"""What validation records: one Issue per problem, the parsed Table of each file, and the ValidationReport."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """One problem found in the data folder."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass
class Table:
    """A parsed CSV file: header, rows as dicts of stripped strings, and each row's line number."""

    name: str
    path: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


@dataclass
class ValidationReport:
    """Everything validation found, plus the parsed tables when they could be read."""

    issues: list[Issue] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    descriptor: dict | None = None

    @property
    def ok(self) -> bool:
        """True when no issue was found."""
        return not self.issues

    def add(self, file: str, message: str, line: int | None = None, column: str | None = None) -> None:
        """Record one issue."""
        self.issues.append(Issue(file, message, line, column))
