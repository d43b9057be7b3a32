"""Reading an HTML form the way a browser submits it, for tests that drive whole cycles."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._found = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        marked = any(self.marker in (value or "") for value in attrs.values())
        if tag == "form" and not self._found and marked:
            self._in_form = self._found = True
        elif self._in_form and tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("radio", "checkbox") and "checked" not in attrs:
                return
            if attrs.get("type") == "submit":
                return
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self._in_form and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[self._textarea] += data


def form_fields(html: str, marker: str = "") -> dict[str, str]:
    """The named fields of the first form with `marker` in an attribute (action, class…).

    Textareas lose the one newline that HTML drops after their opening tag,
    as browsers do; checked radios and checkboxes only.
    """
    reader = _FormReader(marker)
    reader.feed(html)
    fields = reader.fields
    for name, value in fields.items():
        if value.startswith("\n") and name in _textareas(html):
            fields[name] = value[1:]
    return fields


def _textareas(html: str) -> set[str]:
    names = set()
    for chunk in html.split("<textarea")[1:]:
        head = chunk.split(">", 1)[0]
        if 'name="' in head:
            names.add(head.split('name="', 1)[1].split('"', 1)[0])
    return names
