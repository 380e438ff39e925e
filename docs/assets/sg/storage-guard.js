// Site data blocked ("block all cookies", some LMS iframes): merely reading window.localStorage or
// sessionStorage throws a SecurityError. Material's inline scripts read them as every page loads
// (the default argument of its __md_get, outside any try), so every page threw. Where reading one
// throws, this puts in its place a store that is empty and refuses every write with the browser's
// own error: reads no longer throw, yet nothing pretends to be kept, and whatever saves (the quiz,
// the practice draft, Material's __md_set) still finds out, as it would with a full store.
// A classic script inlined first in the head (overrides/main.html), before any script that reads
// storage. The head outlives instant navigation, so this runs once per load.
(() => {
  for (const name of ["localStorage", "sessionStorage"]) {
    let blocked;
    try {
      window[name];
      continue;
    } catch (error) {
      blocked = error;
    }
    // Storage's methods, on the prototype: the store itself has no keys (Object.keys lists stored items).
    const empty = Object.create({
      get length() {
        return 0;
      },
      key: () => null,
      getItem: () => null,
      setItem() {
        throw blocked;
      },
      removeItem() {},
      clear() {},
    });
    try {
      Object.defineProperty(window, name, { value: empty, configurable: true, enumerable: true });
    } catch {} // a browser that will not let it be replaced: nothing more to do
  }
})();
