"""A small HTML reader for the tests: elements with their attributes, and the visible text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.visible: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag == "br":
            self.handle_data(" ")
        if tag not in VOID:
            self.stack.append(element)
            if tag in ("script", "style", "template", "title"):
                self.hidden += 1

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                for closed in self.stack[i:]:
                    if closed.tag in ("script", "style", "template", "title"):
                        self.hidden -= 1
                del self.stack[i:]
                break

    def handle_data(self, data):
        for element in self.stack:
            element.text += data
        if not self.hidden:
            self.visible.append(data)


@dataclass
class Page:
    elements: list[Element]
    visible_text: str

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


def read(path: Path) -> Page:
    return parse(path.read_text(encoding="utf-8"))


def parse(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return Page(reader.elements, " ".join("".join(reader.visible).split()))
