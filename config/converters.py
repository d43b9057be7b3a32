"""URL converters. Importing this module registers them (once)."""

from django.urls import register_converter


class IdConverter:
    """A database id: at most 18 digits, so it always fits a bigint.

    Django's `int` converter takes any run of digits, and an id past 2**63
    would reach the database as an out-of-range value.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
