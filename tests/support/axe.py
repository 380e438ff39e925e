"""axe-core in a Playwright page: `assert_no_violations(page)` fails with one line per offending element.

Any browser test can call it after driving a widget into a state worth checking:

    from support.axe import assert_no_violations
    page.click("text=Check my answers")
    assert_no_violations(page)                           # the whole document
    assert_no_violations(page, include=".sg-quiz")       # or only part of it
    assert_no_violations_in_either_scheme(page)          # light with every rule, then dark

axe runs with its default rule set (WCAG 2.0-2.2 A/AA and best practices) and every impact counts;
the few rules that read stylesheets run in test_a11y.py's laptop sweep of every page (`stylesheets`).
"""

from __future__ import annotations

import functools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .browser import SCHEMES

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Rules switched off for every page, each with the reason. Keep this empty unless a rule cannot hold.
DISABLED_RULES: dict[str, str] = {}


class _AxeHandler(BaseHTTPRequestHandler):
    """axe.min.js and nothing else, cacheable: Chromium then compiles its 650 KB once per browser
    context, not once per page (0.25 s a page when injected inline, 0.03 s from the cache)."""

    def do_GET(self):
        body = AXE_JS.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Cache-Control", "max-age=86400")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@functools.cache
def _axe_url() -> str:
    if not AXE_JS.is_file():
        raise AssertionError(f"{AXE_JS} is missing: run `npm ci` (make test does it).")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AxeHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/axe.min.js"


def _inject(page) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url=_axe_url())


# Colours are measured as painted: a dialog still fading in (Material's search) reads as low contrast.
SETTLE = """() => Promise.race([
    Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map(a => a.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 3000)),
])"""


# The rules whose outcome depends on the colour scheme; the rest see the same DOM in both.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
# The rules whose outcome depends on the layout (a phone's against a laptop's): the colour rules,
# which hit-test, and those that measure boxes and overflow. The rest read the DOM, which is the same.
LAYOUT_RULES = (*COLOUR_RULES, "target-size", "scrollable-region-focusable")


# axe finds colours by hit-testing, and blocks below the first screen are not laid out until scrolled
# near (content-visibility: auto): some of their text went unchecked. A reader sees every block laid
# out, so axe does too, except where a test runs it on the page as loaded, as Lighthouse does.
LAY_OUT_EVERYTHING = "* { content-visibility: visible !important; }"


# axe's preload reads every stylesheet (and media element) for the rules that need them, such as
# css-orientation-lock, parsing Material's whole stylesheet again on every run: a third of axe's time.
# What they check belongs to the page, not to a widget's state or the viewport, so the sweep that runs
# every rule on every page (test_a11y.py, laptop) preloads, and other runs leave those rules out.
def violations(page, include: str | None = None, only: tuple[str, ...] = (), as_loaded: bool = False,
               stylesheets: bool = False) -> list[dict]:
    """axe's violations for the page (or the part `include` selects), as axe reports them,
    once running CSS transitions and animations have finished; `only` limits the rules run.
    `as_loaded` leaves the page's skipped blocks skipped, as Lighthouse's own axe run finds them;
    `stylesheets` lets axe read the stylesheets and media (preload), for the rules that need them."""
    if not as_loaded:
        page.add_style_tag(content=LAY_OUT_EVERYTHING)
    page.evaluate(SETTLE)
    _inject(page)
    options = {"rules": {rule: {"enabled": False} for rule in DISABLED_RULES}, "resultTypes": ["violations"],
               "preload": stylesheets}
    if only:
        options["runOnly"] = {"type": "rule", "values": list(only)}
    return page.evaluate(
        "([include, options]) => axe.run(include ? {include: [include]} : document, options)"
        ".then(result => result.violations)",
        [include, options],
    )


def describe(found: list[dict]) -> list[str]:
    """One readable line per offending element: rule, impact, target and axe's own explanation."""
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}): {target}: {summary}")
    return lines


def assert_no_violations(page, include: str | None = None, label: str = "", only: tuple[str, ...] = ()) -> None:
    """Fail with every violation axe finds on the page now (any impact), named by `label` or the URL;
    `only` limits the rules run (COLOUR_RULES, in a second colour scheme)."""
    found = describe(violations(page, include, only=only))
    where = label or page.url
    assert not found, f"axe: {len(found)} violation(s) on {where}:\n" + "\n".join(found)


def assert_no_violations_in_either_scheme(page, include: str | None = None, label: str = "") -> None:
    """Every rule in the light scheme, then the colour rules in the dark one: the page follows the
    system's scheme as it changes (nothing stored overrides it), so a widget driven into a state once
    is checked in both, and the DOM, the same in both, once."""
    for scheme, only in (("light", ()), ("dark", COLOUR_RULES)):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])
        assert_no_violations(page, include, label=f"{label or page.url}, {scheme}", only=only)
