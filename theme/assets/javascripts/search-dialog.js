// Search from every page: the header's button (theme/partials/search.html), or the / or s key as in
// Material, opens Pagefind's Component UI in a native <dialog>: focus moves into its field and stays in
// the dialog, Escape closes it and focus comes back to the button. Nothing of Pagefind is fetched before
// the first opening (then its script and stylesheet; its index as the reader types).
(() => {
  // The bundle `generator build` writes at the root of the whole site, for every edition (the
  // script tag names it: an edition's own root is a folder below).
  const bundle = new URL(document.currentScript.dataset.bundle, location.href).pathname;
  // As on the Search page: long pages are not ranked down (an explainer is long because it quotes everyone).
  const ranking = { pageLength: 0 };
  // Pagefind's options for the reader's language, for both UIs (the Search page's too): a large
  // site's index is in parts, one language each, that the root bundle's entry lists under
  // `bundles` (generator/search.py); the first is the primary, the others are merged into it.
  // Pagefind's Ukrainian and Russian strings put the count before a noun in one plural form
  // ("3 результатов"); these name the count after a label, right for every number.
  const counts = {
    uk: { many_results: "Результати на запит «[SEARCH_TERM]»: [COUNT]" },
    ru: { many_results: "Результаты по запросу «[SEARCH_TERM]»: [COUNT]" },
  };
  window.searchOptions = () =>
    fetch(`${bundle}pagefind-entry.json`).then((response) => response.json()).then(({ bundles = {} }) => {
      const lang = document.documentElement.lang.toLowerCase();
      const [bundlePath, ...merged] = (bundles[lang] ?? bundles[lang.split("-")[0]] ?? [""]).map((part) => bundle + part);
      const translations = counts[lang.split("-")[0]] ?? {};
      return { bundlePath, ranking, mergeIndex: merged.map((path) => ({ bundlePath: path, ranking })), translations };
    });
  const button = document.querySelector("[data-search-open]");
  if (!button) return;
  const searchPage = new URL("../../search/", document.currentScript.src).href;
  let modal;
  let loading;

  const add = (tag, properties) =>
    new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), properties);
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.append(element);
    });

  const load = () =>
    (loading ??= Promise.all([
      add("link", { rel: "stylesheet", href: `${bundle}pagefind-component-ui.css` }),
      add("script", { src: `${bundle}pagefind-component-ui.js` }),
      window.searchOptions(),
    ]).then(([, , { translations, ...options }]) => {
      PagefindComponents.configureInstance("default", options).setTranslations(translations);
      modal = document.createElement("pagefind-modal");
      document.body.append(modal);
      button.setAttribute("aria-controls", modal.querySelector("dialog").id);
      // A dialog's close event does not bubble: caught on its way down. Pagefind only refocuses its own trigger.
      modal.addEventListener("close", () => {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }, true);
      // A result on the page being read (a fragment of it) is shown at once, with the dialog closed.
      modal.addEventListener("click", (event) => event.target.closest("a[href]") && modal.close());
    }));

  // If Pagefind's Component UI cannot be loaded, the Search page (Pagefind's Default UI) is the way.
  const open = () =>
    load().then(() => {
      modal.open();
      button.setAttribute("aria-expanded", "true");
    }, () => location.assign(searchPage));

  button.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    if ((event.key !== "/" && event.key !== "s") || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.isContentEditable || target.closest("input, textarea, select, dialog")) return;
    event.preventDefault();
    open();
  });
})();
