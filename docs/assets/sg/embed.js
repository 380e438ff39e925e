// "Copy embed code": the snippet is already text on the page (no JavaScript needed to read it);
// this adds a button that copies it and says so in the live region.

export const STATUS = {
  copied: "Copied",
  selected: "Selected: press Ctrl+C (⌘C on a Mac) to copy",
};

/** Resolves to "copied", or "selected" when neither the Clipboard API nor the legacy command worked. */
export async function copyText(text, { clipboard, legacyCopy }) {
  if (typeof clipboard?.writeText === "function") {
    try {
      await clipboard.writeText(text);
      return "copied";
    } catch {
      // Denied (a frame without clipboard-write, an insecure origin): fall back.
    }
  }
  return legacyCopy() ? "copied" : "selected";
}

function legacyCopy(code) {
  const range = document.createRange();
  range.selectNodeContents(code);
  getSelection().removeAllRanges();
  getSelection().addRange(range); // left selected, so a failed copy is one Ctrl+C away
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
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
      const result = await copyText(code.textContent, { clipboard: navigator.clipboard, legacyCopy: () => legacyCopy(code) });
      // Emptied, then set on the next tick: a second copy is announced again.
      status.textContent = "";
      setTimeout(() => (status.textContent = STATUS[result]), 50);
    });
  }
}
