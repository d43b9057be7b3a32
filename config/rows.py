"""Model instances from hand-written SQL, for the few reads every signed-in request makes.

Compiling a queryset with joins and subqueries costs Django about a
millisecond each time; for the player row and the reader's own facts of a
page, read on every request, that was a third of a framed page's time.
Those reads write their SQL once, naming tables and columns through
`_meta` so a new field is selected without edits, and build instances as
the ORM does: the backend's converters (SQLite's dates and booleans), then
`Model.from_db`. Tests compare each with the queryset it replaces.
"""

from collections.abc import Callable, Sequence

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model
from django.db.models.expressions import Col


class Columns:
    """A model's concrete columns under a table alias: to select, and to read back from a row."""

    def __init__(self, model: type[Model], alias: str) -> None:
        self.model = model
        self.alias = alias
        self.fields = model._meta.concrete_fields
        self.names = [field.attname for field in self.fields]
        self.pk_index = self.fields.index(model._meta.pk)
        self._converters_by_vendor: dict[str, dict] = {}

    def __len__(self) -> int:
        return len(self.fields)

    def table(self, using: str) -> str:
        """`table alias`, quoted, for a FROM or JOIN clause."""
        return f"{quote(using, self.model._meta.db_table)} {self.alias}"

    def select(self, using: str) -> str:
        return ", ".join(self.column(using, name) for name in self.names)

    def column(self, using: str, attname: str) -> str:
        """One column, aliased and quoted, for a join condition or a WHERE clause."""
        return f"{self.alias}.{quote(using, self._field(attname).column)}"

    def read(self, row: Sequence, start: int, connection: BaseDatabaseWrapper) -> Model | None:
        """The instance whose columns begin at `start`; None for an outer join's empty side."""
        values = list(row[start : start + len(self)])
        if values[self.pk_index] is None:
            return None
        for index, (column, converters) in self._converters(connection).items():
            for converter in converters:
                values[index] = converter(values[index], column, connection)
        return self.model.from_db(connection.alias, self.names, values)

    def _field(self, attname: str) -> Field:
        return next(field for field in self.fields if field.attname == attname)

    def _converters(self, connection: BaseDatabaseWrapper) -> dict[int, tuple[Col, list[Callable]]]:
        vendor = connection.vendor
        if vendor not in self._converters_by_vendor:
            self._converters_by_vendor[vendor] = self._find_converters(connection)
        return self._converters_by_vendor[vendor]

    def _find_converters(self, connection: BaseDatabaseWrapper) -> dict[int, tuple[Col, list]]:
        # As SQLCompiler.get_converters: the backend's, then the field's own.
        found = {}
        for index, field in enumerate(self.fields):
            column = field.get_col(self.alias)
            converters = connection.ops.get_db_converters(column) + column.get_db_converters(
                connection
            )
            if converters:
                found[index] = (column, converters)
        return found


def quote(using: str, name: str) -> str:
    return connections[using].ops.quote_name(name)
