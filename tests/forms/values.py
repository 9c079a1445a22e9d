"""What a browser would send from a page's form, as it stands: for round-trip tests with the test
client (open the page, change what a person would change, send the rest as it came)."""

from __future__ import annotations

from html.parser import HTMLParser

UNSENT = {"submit", "button", "reset", "image", "file"}


class _Values(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = values.get("name", "")
        if tag == "input" and name and values.get("type", "text").lower() not in UNSENT:
            if values.get("type", "text").lower() in {"checkbox", "radio"}:
                if "checked" in values:
                    self._form[name] = values.get("value", "on")
            else:
                self._form[name] = values.get("value", "")
        elif tag == "select":
            self._select, self._first_option = name, None
        elif tag == "option" and self._select is not None:
            value = values.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in values:
                self._form[self._select] = value
        elif tag == "textarea":
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._form is not None and self._select is not None:
            self._form.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            if self._form is not None and self._textarea and self._form[self._textarea].startswith("\n"):
                self._form[self._textarea] = self._form[self._textarea][1:]  # HTML drops the first newline
            self._textarea = None


def form_values(html: str, *, having: str) -> dict[str, str]:
    """The values the page's form with a field named `having` would send."""
    parser = _Values()
    parser.feed(html)
    for form in parser.forms:
        if having in form:
            return dict(form)
    raise AssertionError(f"no form on the page has a field named {having!r}")
