// A type-ahead for long country lists, built over a <select> that works on its own without
// JavaScript. The select stays in the form (hidden) and carries the value; the text box in front
// of it is an ARIA 1.2 combobox: type to filter, arrow keys to move, Enter to choose, Escape to
// close. The select's "Common" group comes first when nothing is typed.

let counter = 0;

export function enhanceCountrySelect(select) {
  const id = select.id || `country-${++counter}`;
  const options = Array.from(select.options).filter((option) => option.value);
  const label = document.querySelector(`label[for="${id}"]`);

  const wrapper = document.createElement("div");
  wrapper.className = "portal-autocomplete";
  const input = document.createElement("input");
  input.type = "text";
  input.id = `${id}-typeahead`;
  input.className = "govuk-input portal-autocomplete__input";
  if (select.classList.contains("govuk-select--error")) input.classList.add("govuk-input--error");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");
  input.setAttribute("spellcheck", "false");
  const describedBy = select.getAttribute("aria-describedby");
  if (describedBy) input.setAttribute("aria-describedby", describedBy);
  if (select.getAttribute("aria-invalid")) input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
  const list = document.createElement("ul");
  list.id = `${id}-listbox`;
  list.className = "portal-autocomplete__list";
  list.setAttribute("role", "listbox");
  if (label) list.setAttribute("aria-label", label.textContent.trim());
  list.hidden = true;
  input.setAttribute("aria-controls", list.id);
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");

  const chosen = select.selectedOptions[0];
  input.value = chosen && chosen.value ? chosen.textContent.trim() : "";

  select.hidden = true;
  select.setAttribute("aria-hidden", "true");
  select.tabIndex = -1;
  select.id = `${id}-select`;
  input.id = id; // the label (and the error summary's link) now point at the text box
  wrapper.append(input, list, status);
  select.after(wrapper);

  let shown = [];
  let active = -1;

  function matches(text) {
    const query = text.trim().toLowerCase();
    if (!query) return options.filter((option) => option.parentElement.label === "Common");
    const starts = options.filter((option) => option.textContent.toLowerCase().startsWith(query));
    const within = options.filter(
      (option) => !starts.includes(option) && option.textContent.toLowerCase().includes(query),
    );
    const seen = new Set();
    return [...starts, ...within].filter((option) => !seen.has(option.value) && seen.add(option.value));
  }

  function render(text) {
    shown = matches(text);
    active = -1;
    list.replaceChildren(
      ...shown.map((option, index) => {
        const item = document.createElement("li");
        item.id = `${id}-option-${index}`;
        item.className = "portal-autocomplete__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = option.textContent.trim();
        item.addEventListener("mousedown", (event) => event.preventDefault());
        item.addEventListener("click", () => choose(index));
        return item;
      }),
    );
    if (!shown.length && text.trim()) {
      const none = document.createElement("li");
      none.className = "portal-autocomplete__option portal-autocomplete__option--none";
      none.textContent = "No country matches";
      list.append(none);
    }
    open(true);
    status.textContent = shown.length
      ? `${shown.length} ${shown.length === 1 ? "country" : "countries"} listed`
      : "No country matches";
  }

  function open(yes) {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", String(yes));
    if (!yes) input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = index;
    Array.from(list.children).forEach((item, i) => {
      item.setAttribute("aria-selected", String(i === index));
      item.classList.toggle("portal-autocomplete__option--active", i === index);
    });
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", `${id}-option-${index}`);
      list.children[index].scrollIntoView({ block: "nearest" });
    }
  }

  function choose(index) {
    const option = shown[index];
    select.value = option.value;
    input.value = option.textContent.trim();
    open(false);
    status.textContent = `${input.value} chosen`;
  }

  // What is typed must name a country: an exact name chooses it, anything else leaves the select
  // empty so the server asks for a nationality instead of saving a half-typed word.
  function sync() {
    const text = input.value.trim().toLowerCase();
    const exact = options.find((option) => option.textContent.trim().toLowerCase() === text);
    select.value = exact ? exact.value : "";
  }

  input.addEventListener("input", () => {
    sync();
    render(input.value);
  });
  input.addEventListener("focus", () => {
    if (!input.value) render("");
  });
  input.addEventListener("blur", () => {
    sync();
    open(false);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden) render(input.value);
      highlight(Math.min(active + 1, shown.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      open(false);
    }
  });
}

export function initCountryAutocompletes(root = document) {
  root.querySelectorAll('select[data-module="portal-country-autocomplete"]').forEach(enhanceCountrySelect);
}
