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
