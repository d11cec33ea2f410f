// Sorting and filtering for the generated tables. Runs on every page; does nothing without them.
(function () {
  "use strict";

  function cellText(row, index) {
    const cell = row.children[index];
    return cell ? cell.textContent.trim() : "";
  }

  // A cell's sort key: its data-sort (a value's rank: yes first), else its text. A hidden inferred
  // value sorts as unknown.
  function sortKey(row, index) {
    const cell = row.children[index];
    const keyed = cell && cell.querySelector("[data-sort]");
    if (!keyed) return cellText(row, index);
    const hidden = keyed.dataset.basis === "inferred" && keyed.closest(".kb-hide-inferred");
    return hidden ? "4" : keyed.dataset.sort;
  }

  function makeSortable(table) {
    const headers = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    headers.forEach(function (header, index) {
      header.tabIndex = 0;
      header.classList.add("kb-sort");
      header.setAttribute("aria-sort", "none");
      const sort = function () {
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const order = sortKey(a, index).localeCompare(sortKey(b, index), undefined, { numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      };
      header.addEventListener("click", sort);
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function connectFilters(box) {
    const table = box.parentElement.querySelector("table.kb-compare") ||
      document.querySelector("table.kb-compare");
    if (!table) return;
    const input = box.querySelector(".kb-filter");
    const select = box.querySelector(".kb-category");
    const headers = Array.from(table.tHead.rows[0].cells);
    const apply = function () {
      const words = input.value.trim().toLowerCase();
      Array.from(table.tBodies[0].rows).forEach(function (row) {
        const label = (cellText(row, 0) + " " + cellText(row, 1)).toLowerCase();
        row.hidden = words !== "" && label.indexOf(words) === -1;
      });
      const category = select.value;
      headers.forEach(function (header, index) {
        const tag = header.querySelector("[data-category]");
        const hide = Boolean(category && tag && tag.dataset.category !== category);
        header.hidden = hide;
        Array.from(table.tBodies[0].rows).forEach(function (row) {
          if (row.children[index]) row.children[index].hidden = hide;
        });
      });
    };
    const hideInferred = box.querySelector(".kb-hide-inferred-toggle");
    if (hideInferred) {
      hideInferred.addEventListener("change", function () {
        table.classList.toggle("kb-hide-inferred", hideInferred.checked);
      });
    }
    input.addEventListener("input", apply);
    select.addEventListener("change", apply);
  }

  document.querySelectorAll("table.kb-sortable").forEach(makeSortable);
  document.querySelectorAll(".kb-filters").forEach(connectFilters);
})();

// Material's search dialog has role="dialog" but no name; screen readers announce it as "Search".
(function () {
  "use strict";
  const dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
})();
