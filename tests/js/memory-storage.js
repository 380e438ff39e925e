// A localStorage stand-in for node --test: a Map behind the Storage methods the modules use, or one
// that refuses (full: setItem throws; blocked: reaching it throws).
export function install({ full = false, blocked = false, items = {} } = {}) {
  const map = new Map(Object.entries(items));
  const storage = {
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem(key, value) {
      if (full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      map.set(key, String(value));
    },
    removeItem: (key) => map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
  // Object.keys(localStorage) lists the stored keys, as in a browser.
  const proxy = new Proxy(storage, { ownKeys: () => [...map.keys()], getOwnPropertyDescriptor: (t, k) => (map.has(k) ? { enumerable: true, configurable: true, value: map.get(k) } : undefined) });
  Object.defineProperty(globalThis, "localStorage", {
    configurable: true,
    get() {
      if (blocked) throw new DOMException("The operation is insecure.", "SecurityError");
      return proxy;
    },
  });
  return map;
}

export function uninstall() {
  delete globalThis.localStorage;
}
