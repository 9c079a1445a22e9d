// "Copy" buttons: each copies the text of the element its data-copy-target names. The buttons are
// hidden until this runs; without JavaScript the text is there to select and copy by hand.
const COPIED_FOR_MS = 3000;

function announce(button, message) {
  const status = button.closest("details, main")?.querySelector("[data-copy-status]");
  if (status) status.textContent = message;
}

function select(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

for (const button of document.querySelectorAll("button[data-copy-target]")) {
  const target = document.getElementById(button.dataset.copyTarget);
  if (!target) continue;
  const label = [...button.childNodes].map((node) => node.cloneNode(true));
  button.classList.remove("govuk-!-display-none");
  button.addEventListener("click", async () => {
    const text = target.textContent.trim();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard access (an old browser, or a page not served over HTTPS): select the text instead.
      select(target);
      announce(button, "The address is selected: copy it with Ctrl+C, or Cmd+C on a Mac.");
      return;
    }
    button.textContent = "Copied";
    announce(button, `Copied ${text}`);
    setTimeout(() => button.replaceChildren(...label.map((node) => node.cloneNode(true))), COPIED_FOR_MS);
  });
}
