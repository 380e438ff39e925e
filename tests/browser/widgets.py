"""Waiting for the guide's widgets in a Playwright page."""

# Widget modules are imported after the load event: wait until every module the page's
# data-sg-module elements ask for has arrived and no request has started for 50 ms (a quicker
# "network idle" than Playwright's 500 ms, which would cost seconds over the whole sweep).
WIDGETS_STARTED = """async () => {
    const wanted = [...new Set([...document.querySelectorAll('[data-sg-module]')].map(e => e.dataset.sgModule))]
        .map(name => `/assets/sg/${name}.js`);
    const loaded = () => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);
    let seen = -1;
    for (let tries = 0; tries < 300; tries++) {
        const now = loaded();
        if (now.length === seen && wanted.every(w => now.some(path => path.endsWith(w)))) return;
        seen = now.length;
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`widget modules did not load: ${wanted}`);
}"""


# Whether the browser lays out an element now: blocks below the first screen are skipped until
# scrolled near (content-visibility: auto), and skipped text has no innerText.
RENDERED = "element => element.checkVisibility({contentVisibilityAuto: true})"


def scroll_to(locator):
    """Scroll `locator` into view as a reader would, and wait for the frame that lays it out."""
    locator.scroll_into_view_if_needed()
    locator.element_handle().wait_for_element_state("stable")
    locator.page.wait_for_function(f"element => ({RENDERED})(element)", arg=locator.element_handle())
    return locator
