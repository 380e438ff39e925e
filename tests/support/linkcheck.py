"""Check every href, src and srcset of a built site: the file exists and its #fragment is an id there."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

URL_ATTRIBUTES = ("href", "src")


@dataclass(frozen=True)
class BrokenLink:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url}: {self.reason}"


def _urls(soup: BeautifulSoup):
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            if tag.has_attr(attribute):
                yield tag[attribute]
        if tag.has_attr("srcset"):
            for candidate in tag["srcset"].split(","):
                if candidate.strip():
                    yield candidate.split()[0]


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(tag["id"] for tag in soup.find_all(id=True)) | frozenset(
        tag["name"] for tag in soup.find_all("a", attrs={"name": True})
    )


def _target(site: Path, page: Path, path: str, base_path: str) -> Path | None:
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        target = site / path[len(base_path):]
    elif path:
        target = page.parent / path
    else:
        target = page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def check_site(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """All broken internal links and anchors of the site; external URLs (other hosts) are not fetched."""
    site = Path(site)
    broken = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        name = page.relative_to(site).as_posix()
        for url in _urls(soup):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = _target(site, page, unquote(parts.path), base_path)
            if target is None:
                broken.append(BrokenLink(name, url, f"outside the site's base path {base_path}"))
            elif not target.resolve().is_relative_to(site.resolve()):
                broken.append(BrokenLink(name, url, "points outside the site"))
            elif not target.is_file():
                broken.append(BrokenLink(name, url, "no such file"))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                broken.append(BrokenLink(name, url, f"no id '{parts.fragment}' on {target.relative_to(site).as_posix()}"))
    return broken
