// Showing API data the GOV.UK way: summary lists, tables, tags and links.
// What to show, and in which words, comes from the generated view specifications (from
// content.yaml); this module only knows how: an empty value is left out rather than shown as
// "None", dates read "5 January 2027 at 5pm" in UK time, enum values by their labels.

import manifest from "/portal/generated/manifest.js";

const ZONE = "Europe/London";
const money = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const londonParts = new Intl.DateTimeFormat("en-GB", {
  day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hourCycle: "h23", timeZone: ZONE,
});
// Tag colours by enum value; the tag's text is the value's label.
const TAG_COLOURS = {
  ACTIVE: "green", ADMITTED: "green", ACCEPTED: "green", AVAILABLE: "green", OPEN: "green", AWARDED: "green",
  PUBLISHED: "green", AGREED: "green",
  SUBMITTED: "blue", EVALUATING: "blue", STANDSTILL: "blue", SCHEDULED: "light-blue", PENDING: "light-blue",
  DRAFT: "grey", CLOSED: "grey", CONCLUDED: "grey", ENDED: "grey", WITHDRAWN: "grey", SUPERSEDED: "grey", EXPIRED: "grey",
  REMOVED: "grey",
  PENDING_UPLOAD: "yellow", QUERIED: "orange", SUSPENDED: "orange",
  REJECTED: "red", DECLINED: "red", CANCELLED: "red", TERMINATED: "red", EXCLUDED: "red", UNSUCCESSFUL: "red",
};
const TAGGED = /^(status|decision)$/;

export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function humanise(name) {
  const text = String(name)
    .replace(/_/g, " ")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatMoney(pence) {
  return money.format(Number(pence) / 100);
}

/** A time of day as GOV.UK writes it: "5pm", "9:30am", "midday", "midnight". */
export function formatTime(hour, minute) {
  if (minute === 0 && hour === 0) return "midnight";
  if (minute === 0 && hour === 12) return "midday";
  const twelve = hour % 12 || 12;
  const suffix = hour < 12 ? "am" : "pm";
  return minute ? `${twelve}:${String(minute).padStart(2, "0")}${suffix}` : `${twelve}${suffix}`;
}

function london(iso) {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts.day} ${parts.month} ${parts.year}`, hour: Number(parts.hour) % 24, minute: Number(parts.minute) };
}

/** "5 January 2027"; a date and time is given its day in UK time. */
export function formatDate(iso) {
  const text = String(iso);
  if (text.includes("T")) return london(text).date;
  const [y, m, d] = text.split("-").map(Number);
  return longDate.format(new Date(Date.UTC(y, m - 1, d)));
}

/** "5 January 2027 at 5pm", "at 9:30am", "at midday": in UK time. */
export function formatDateTime(iso) {
  const at = london(iso);
  return `${at.date} at ${formatTime(at.hour, at.minute)}`;
}

function bytes(size) {
  const n = Number(size);
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}

/** A number as its field's format says: grouped (1,250), plain (2026), a percentage, an academic year… */
export function formatNumber(number, format) {
  switch (format) {
    case "plain":
    case "year":
      return String(number);
    case "academic-year":
      return `${number} to ${Number(number) + 1}`;
    case "percent":
      return `${Number(number).toLocaleString("en-GB", { maximumFractionDigits: 2 })}%`;
    case "km":
      return `${Number(number).toLocaleString("en-GB", { maximumFractionDigits: 1 })} km`;
    case "bytes":
      return bytes(number);
    default:
      return Number(number).toLocaleString("en-GB", { maximumFractionDigits: 2 });
  }
}

export function enumLabel(type, value) {
  return manifest.enums[type]?.[value] ?? humanise(value);
}

/** The value at a dotted path of a record (``callOff.reference``). */
export function valueAt(record, path) {
  return String(path).split(".").reduce((part, step) => part?.[step], record);
}

function at(record, path, rule) {
  // a part of a name given as several paths: the first with a value (a board's name, or else a council's)
  if (Array.isArray(path)) return path.map((p) => at(record, p, rule)).find((found) => found != null) ?? null;
  const found = valueAt(record, path);
  if (found != null && rule?.enums?.[path]) return enumLabel(rule.enums[path], found); // "Health", not its code
  // a record named by a date reads as one: "1 April 2022"
  if (typeof found === "string" && /^\d{4}-\d{2}-\d{2}$/.test(found)) return formatDate(found);
  if (typeof found === "string" && /^\d{4}-\d{2}-\d{2}T/.test(found)) return formatDateTime(found);
  return found;
}

/** A record's name for people, by its type's naming rule (content.yaml's `name`, or the defaults). */
export function label(record) {
  if (!record) return "";
  const rule = manifest.labels[record.__typename];
  if (!rule) return humanise(record.__typename || "Record");
  const prefix = rule.prefix ? at(record, rule.prefix, rule) : null;
  const main = rule.main ? at(record, rule.main, rule) : null;
  if (prefix != null && main != null) return `${prefix} – ${main}`;
  if (main != null) return String(main);
  if (prefix != null) return `${rule.called ?? rule.title} ${prefix}`;
  const via = rule.via ? String(rule.via).split(".").reduce((part, step) => part?.[step], record) : null;
  if (via) return `${rule.title} – ${label(via)}`;
  return rule.title;
}

export function recordPath(record) {
  return `/portal/${record.__typename}/${encodeURIComponent(record.id)}`;
}

export function link(record) {
  if (!record) return "";
  if (!record.id || !manifest.records.includes(record.__typename)) return esc(label(record));
  return `<a class="govuk-link" href="${esc(recordPath(record))}">${esc(label(record))}</a>`;
}

function tag(spec, code) {
  const colour = TAG_COLOURS[code];
  const modifier = colour ? ` govuk-tag--${colour}` : "";
  return `<strong class="govuk-tag${modifier}">${esc(enumLabel(spec.type, code))}</strong>`;
}

function simple(spec) {
  return spec.kind !== "object";
}

/** Whether there is nothing to show: no value, an empty list, or a part whose every field is empty. */
export function empty(spec, data) {
  if (data === null || data === undefined || data === "") return true;
  if (spec.list) return !Array.isArray(data) || data.every((item) => empty({ ...spec, list: false }, item));
  if (spec.kind === "object" && !spec.link) return (spec.fields || []).every((f) => empty(f, data[f.name]));
  return false;
}

/** Billed minus due, in pence: flagged when it is not nothing ("£120.00 more than due"). */
function difference(pence) {
  const found = Number(pence);
  if (!found) return "No difference";
  const words = `${formatMoney(Math.abs(found))} ${found > 0 ? "more" : "less"} than due`;
  return `<strong class="govuk-tag govuk-tag--${found > 0 ? "red" : "orange"} app-difference">${esc(words)}</strong>`;
}

function scalar(spec, data) {
  if (spec.format === "difference") return difference(data);
  switch (spec.type) {
    case "Pence":
      return esc(formatMoney(data));
    case "Date":
      return esc(formatDate(data));
    case "DateTime":
      return esc(formatDateTime(data));
    case "Boolean":
      return data ? "Yes" : "No";
    case "Int":
    case "Float":
    case "Decimal":
      return esc(formatNumber(data, spec.format));
    case "JSON":
      return `<pre class="app-pre">${esc(JSON.stringify(data, null, 2))}</pre>`;
    default:
      if (/Url$/.test(spec.name) && /^https?:/.test(data)) {
        const verb = /download/i.test(spec.name) ? "Download" : "Open";
        return `<a class="govuk-link" href="${esc(data)}">${verb}<span class="govuk-visually-hidden"> ${esc(spec.label.toLowerCase())}</span></a>`;
      }
      return `<span class="app-pre">${esc(data)}</span>`;
  }
}

/** One value, shown in full (compact inside table cells); "" when there is nothing to show. */
export function value(spec, data, compact = false) {
  if (empty(spec, data)) return "";
  if (spec.list) {
    if (spec.kind === "object") return spec.format === "grid" ? compactGrid(spec, data) : compactList(spec, data);
    const shown = data.filter((item) => !empty({ ...spec, list: false }, item)).map((item) => value({ ...spec, list: false }, item, true));
    if (shown.length === 1) return shown[0];
    return `<ul class="${compact ? "app-cell-list" : "govuk-list"}">${shown.map((s) => `<li>${s}</li>`).join("")}</ul>`;
  }
  if (spec.kind === "enum") return TAGGED.test(spec.name) ? tag(spec, data) : esc(enumLabel(spec.type, data));
  if (spec.kind === "ref") return link(data);
  if (spec.kind === "object") return compact ? compactObject(spec, data) : summary(spec.fields, data);
  return scalar(spec, data);
}

function compactObject(spec, data) {
  const parts = spec.fields
    .filter((f) => simple(f) && !empty(f, data[f.name]))
    .map((f) => `${esc(f.label)}: ${value(f, data[f.name], true)}`);
  return parts.join("<br>");
}

function compactList(spec, items) {
  const rows = items.map((item) => {
    const head = spec.link ? `${link(item)} ` : "";
    const parts = spec.fields.filter((f) => simple(f) && !(spec.link && isLabelField(spec.type, f)) && !empty(f, item[f.name]));
    return `<li>${head}${parts.map((f) => value(f, item[f.name], true)).join(" · ")}</li>`;
  });
  return `<ul class="app-cell-list">${rows.join("")}</ul>`;
}

/**
 * Whether a field is part of a record's name, so that a column of it repeats the link beside it: the
 * field itself, or a record the name is read from (`lot.code` makes a "Lot" column a repeat).
 */
function isLabelField(type, f) {
  const rule = manifest.labels[type];
  const paths = rule ? [rule.prefix, rule.main, rule.via].flat().filter((path) => path != null).map(String) : [];
  return paths.some((path) => path === f.name || (f.kind === "ref" && path.startsWith(`${f.name}.`)));
}

/**
 * A GOV.UK summary list of the simple fields that have a value; "" when none has. ``linked``: the
 * type of a record the fields are of, whose name's fields then link to it (a placement's reference).
 */
export function summary(fields, data, linked = null) {
  const rows = fields
    .filter((f) => simple(f) && !empty(f, data?.[f.name]))
    .map((f) => {
      const shown =
        linked && data.id && isLabelField(linked, f) && manifest.records.includes(linked)
          ? `<a class="govuk-link" href="${esc(recordPath({ ...data, __typename: linked }))}">${esc(data[f.name])}</a>`
          : value(f, data[f.name]);
      return (
        `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(f.label)}</dt>` +
        `<dd class="govuk-summary-list__value">${shown}</dd></div>`
      );
    });
  return rows.length ? `<dl class="govuk-summary-list">${rows.join("")}</dl>` : "";
}

/** A column's value in a row: a field of the record, or a path into records it links to (``callOff.authority``). */
function cell(item, f) {
  return f.name.includes(".") ? valueAt(item, f.name) : item?.[f.name];
}

let tableCount = 0;

/** A table of records or values; the first column links to each record. Columns empty in every row are left out. */
export function table(spec, items, caption, captionClass = "govuk-table__caption--m") {
  const columns = spec.fields.filter(
    (f) => !(spec.link && isLabelField(spec.type, f)) && items.some((item) => !empty(f, cell(item, f))),
  );
  const head = [
    ...(spec.link ? [`<th scope="col" class="govuk-table__header">${esc(manifest.labels[spec.type]?.title || "Record")}</th>`] : []),
    ...columns.map((f) => `<th scope="col" class="govuk-table__header">${esc(f.label)}</th>`),
  ];
  const body = items.map((item) => {
    const cells = [
      ...(spec.link ? [`<th scope="row" class="govuk-table__header">${link(item)}</th>`] : []),
      ...columns.map((f) => `<td class="govuk-table__cell">${value(f, cell(item, f), true)}</td>`),
    ];
    return `<tr class="govuk-table__row">${cells.join("")}</tr>`;
  });
  const id = `table-${++tableCount}`;
  return (
    `<div class="app-table-wrapper" role="region" aria-labelledby="${id}" tabindex="0">` +
    `<table class="govuk-table"><caption class="${captionClass === "govuk-visually-hidden" ? captionClass : `govuk-table__caption ${captionClass}`}" id="${id}">${esc(caption)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row">${head.join("")}</tr></thead>` +
    `<tbody class="govuk-table__body">${body.join("")}</tbody></table></div>`
  );
}

/** A list of (row choice, column choice, value), pivoted: its rows and columns in their enums' order. */
function pivot(spec, items) {
  const [row, column] = spec.fields.filter((f) => f.kind === "enum");
  const cell = spec.fields.find((f) => f !== row && f !== column);
  const ordered = (f) => {
    const codes = Object.keys(manifest.enums[f.type] ?? {});
    return [...new Set(items.map((item) => item[f.name]))].sort((a, b) => codes.indexOf(a) - codes.indexOf(b));
  };
  const found = new Map(items.map((item) => [`${item[row.name]}|${item[column.name]}`, item[cell.name]]));
  const at = (r, c) => found.get(`${r}|${c}`);
  return { row, column, cell, rows: ordered(row), columns: ordered(column), at };
}

/** A pivoted list inside a table's cell: a line per row. */
function compactGrid(spec, items) {
  const { row, column, cell, rows, columns, at } = pivot(spec, items);
  const lines = rows.map((r) => {
    const parts = columns
      .filter((c) => !empty(cell, at(r, c)))
      .map((c) => `${esc(enumLabel(column.type, c))} ${value(cell, at(r, c), true)}`);
    return `<li>${esc(enumLabel(row.type, r))}: ${parts.join(", ")}</li>`;
  });
  return `<ul class="app-cell-list">${lines.join("")}</ul>`;
}

/** A list of (row choice, column choice, value) as one table: a pricing schedule, a row per level of need. */
function grid(spec, items, caption) {
  const { row, column, cell, rows, columns, at } = pivot(spec, items);
  const head = columns.map((c) => `<th scope="col" class="govuk-table__header">${esc(enumLabel(column.type, c))}</th>`);
  const body = rows.map((r) => {
    const cells = columns.map((c) => {
      const data = at(r, c);
      return `<td class="govuk-table__cell">${empty(cell, data) ? "Not priced" : value(cell, data, true)}</td>`;
    });
    return `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${esc(enumLabel(row.type, r))}</th>${cells.join("")}</tr>`;
  });
  const id = `table-${++tableCount}`;
  return (
    `<div class="app-table-wrapper" role="region" aria-labelledby="${id}" tabindex="0">` +
    `<table class="govuk-table"><caption class="govuk-visually-hidden" id="${id}">${esc(caption)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row"><td class="govuk-table__header"></td>${head.join("")}</tr></thead>` +
    `<tbody class="govuk-table__body">${body.join("")}</tbody></table></div>`
  );
}

/** Whether a value is nothing to show in a table of parts side by side: empty, or nought (a 0% share, £0.00). */
function nothing(spec, data) {
  return empty(spec, data) || (["Int", "Float", "Decimal", "Pence"].includes(spec.type) && Number(data) === 0);
}

/**
 * Two parts of a record whose fields have the same names, side by side in one table (a funder's share of
 * each part of the fee, and what it comes to a week): a row per field, a column per part, leaving out the
 * rows that are nothing in both.
 */
function besideTable(spec, other, data, about = "") {
  const names = [...new Set([...spec.fields, ...other.fields].map((f) => f.name))];
  const parts = [[spec, data[spec.name] ?? {}], [other, data[other.name] ?? {}]];
  const rows = names
    .map((name) => {
      const cells = parts.map(([part, found]) => [part.fields.find((f) => f.name === name), found[name]]);
      // a row of one part only (the total of what it comes to) is shown unless empty, even at nought
      const alone = cells.filter(([f]) => f).length === 1;
      if (alone ? cells.every(([f, found]) => !f || empty(f, found)) : cells.every(([f, found]) => !f || nothing(f, found))) return "";
      const title = cells.find(([f]) => f)[0].label;
      const shown = cells.map(
        ([f, found]) => `<td class="govuk-table__cell govuk-table__cell--numeric">${f && !empty(f, found) ? value(f, found, true) : ""}</td>`,
      );
      return `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${esc(title)}</th>${shown.join("")}</tr>`;
    })
    .filter(Boolean);
  if (!rows.length) return "";
  const id = `table-${++tableCount}`;
  const caption = `${about ? `${about}: ` : ""}${spec.label} and ${other.label.toLowerCase()}`; // unique on the page
  return (
    `<div class="app-table-wrapper" role="region" aria-labelledby="${id}" tabindex="0">` +
    `<table class="govuk-table govuk-table--small-text-until-tablet app-beside"><caption class="govuk-visually-hidden" id="${id}">${esc(caption)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row"><td class="govuk-table__header"></td>` +
    parts.map(([part]) => `<th scope="col" class="govuk-table__header govuk-table__header--numeric">${esc(part.label)}</th>`).join("") +
    `</tr></thead><tbody class="govuk-table__body">${rows.join("")}</tbody></table></div>`
  );
}

/** A list of records or parts as GOV.UK summary cards, each titled by its name (the funders of a placement). */
function cards(spec, items, level) {
  return items
    .map((item) => {
      const title = spec.link ? label({ __typename: spec.type, ...item }) : spec.label;
      return (
        '<div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper">' +
        `<h${level} class="govuk-summary-card__title">${esc(title)}</h${level}></div>` +
        `<div class="govuk-summary-card__content">${record(spec.fields, item, Math.min(level + 1, 6), title)}</div></div>`
      );
    })
    .join("");
}

/**
 * A record page's body: its simple fields, then a section per part or list that has something in it.
 * ``about``: what the record is called, when it is one of several on the page (a funder's card).
 */
export function record(view, data, level = 2, about = "") {
  const parts = [summary(view, data)];
  const besides = new Set(view.map((f) => f.beside).filter(Boolean)); // shown with the part they are beside
  for (const spec of view.filter((f) => !simple(f) && !besides.has(f.name))) {
    const found = data?.[spec.name];
    if (spec.beside) {
      parts.push(besideTable(spec, view.find((f) => f.name === spec.beside), data, about));
      continue;
    }
    if (empty(spec, found)) continue;
    const heading =
      `<h${level} class="govuk-heading-m">${esc(spec.label)}</h${level}>` +
      (spec.hint ? `<p class="govuk-body">${esc(spec.hint)}</p>` : "");
    if (spec.list && spec.format === "cards") {
      parts.push(heading + cards(spec, found, Math.min(level + 1, 6)));
    } else if (spec.list) {
      parts.push(heading + (spec.format === "grid" ? grid(spec, found, spec.label) : table(spec, found, spec.label, "govuk-visually-hidden")));
    } else if (spec.shows) {
      // another record shown by some of its fields (a funding's placement), its name linking to it
      const body = summary(spec.fields, found, spec.type);
      if (body) parts.push(heading + body);
    } else {
      const body = record(spec.fields, found, Math.min(level + 1, 6));
      if (body) parts.push(heading + body);
    }
  }
  return parts.join("");
}
