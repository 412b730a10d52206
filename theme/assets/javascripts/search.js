// The Search page: Pagefind's UI over the index `python -m generator build` writes to /pagefind/
// (a chunked index: a search loads only the parts for its words). Long pages are not ranked
// down: an explainer is long because it quotes everyone, and it is what a reader looks for.
// The bundle, the parts merged into it and the ranking come from search-dialog.js (loaded first).
window.searchOptions().then((options) => new PagefindUI({ element: "#search-ui", showSubResults: true, showImages: false, ...options }));
