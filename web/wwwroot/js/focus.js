// After an enhanced navigation Blazor swaps the page in place, without a load: move the focus to
// the new page's h1 (tabindex -1), so a screen reader and the keyboard start at the new page, as
// after a full load. The title changes with the page (HeadOutlet).
Blazor.addEventListener("enhancedload", () => {
  const heading = document.querySelector("main h1");
  if (heading && !document.querySelector("#error")) {
    heading.focus();
  }
});
