// "Copy embed code" on the guide page: the iframe snippet is already there as text (it works without
// JavaScript), so this module only adds a button that copies it and says so in a live region.

/* ---- Pure logic (tests/js/embed.test.js) ---- */

export const STATUS = {
  copied: "Copied",
  selected: "Selected: press Ctrl+C (⌘C on a Mac) to copy",
};

/**
 * Copies `text` with the Clipboard API when the page may use it, else with the legacy copy command;
 * resolves to "copied", or "selected" when neither worked and the reader must copy the selection.
 */
export async function copyText(text, { clipboard, legacyCopy }) {
  if (clipboard && typeof clipboard.writeText === "function") {
    try {
      await clipboard.writeText(text);
      return "copied";
    } catch {
      // Denied (a frame without clipboard-write, an insecure origin): fall back below.
    }
  }
  return legacyCopy() ? "copied" : "selected";
}

/* ---- DOM binding ---- */

function selectContents(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

function legacyCopy(code) {
  selectContents(code);
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

function announce(status, message) {
  // Emptied first, then set on the next tick, so copying twice is announced twice.
  status.textContent = "";
  setTimeout(() => {
    status.textContent = message;
  }, 50);
}

export function init(root) {
  for (const block of root.querySelectorAll('[data-sg-module="embed"]:not([data-sg-embed-bound])')) {
    const code = block.querySelector(".sg-embed__code code");
    const button = block.querySelector(".sg-embed__copy");
    const status = block.querySelector(".sg-embed__status");
    if (!code || !button || !status) continue;
    block.dataset.sgEmbedBound = "";
    button.hidden = false;
    button.addEventListener("click", async () => {
      const result = await copyText(code.textContent, {
        clipboard: navigator.clipboard,
        legacyCopy: () => legacyCopy(code),
      });
      announce(status, STATUS[result]);
    });
  }
}
