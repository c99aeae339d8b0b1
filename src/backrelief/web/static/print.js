// Printing (a file of its own: the pages allow no inline script).
// The result page's print button.
document.getElementById("print-page")?.addEventListener("click", () => window.print());
// Parts that open from their heading (<details>) all print open, then close again as they were.
let closedForPrint = [];
window.addEventListener("beforeprint", () => {
  closedForPrint = Array.from(document.querySelectorAll("details:not([open])"));
  closedForPrint.forEach((d) => { d.open = true; });
});
window.addEventListener("afterprint", () => {
  closedForPrint.forEach((d) => { d.open = false; });
  closedForPrint = [];
});
