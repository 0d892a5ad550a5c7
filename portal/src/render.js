// Showing API data the GOV.UK way: summary lists, tables, tags and links.
// What to show comes from the generated view specifications; this module only knows how.

import manifest from "/portal/generated/manifest.js";

const money = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London",
});
const TAG_COLOURS = {
  ACTIVE: "green", ADMITTED: "green", ACCEPTED: "green", AVAILABLE: "green", OPEN: "green", AWARDED: "green",
  SUBMITTED: "blue", EVALUATING: "blue", STANDSTILL: "blue", SCHEDULED: "light-blue", PENDING: "light-blue",
  DRAFT: "grey", CLOSED: "grey", CONCLUDED: "grey", ENDED: "grey", WITHDRAWN: "grey", SUPERSEDED: "grey",
  PENDING_UPLOAD: "yellow", QUERIED: "orange", SUSPENDED: "orange",
  REJECTED: "red", DECLINED: "red", CANCELLED: "red", TERMINATED: "red", EXCLUDED: "red", UNSUCCESSFUL: "red",
};

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

export function formatDate(iso) {
  const [y, m, d] = String(iso).split("-").map(Number);
  return longDate.format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(iso) {
  return dateTime.format(new Date(iso));
}

export function enumLabel(type, value) {
  return manifest.enums[type]?.[value] ?? humanise(value);
}

/** A record's name for people, by the generated labelling rule of its type. */
export function label(record) {
  if (!record) return "";
  const rule = manifest.labels[record.__typename];
  if (!rule) return humanise(record.__typename || "Record");
  const prefix = rule.prefix ? record[rule.prefix] : null;
  const main = rule.main ? record[rule.main] : null;
  if (prefix != null && main != null) return `${prefix} – ${main}`;
  if (main != null) return String(main);
  if (prefix != null) return `${rule.title} ${prefix}`;
  if (rule.via && record[rule.via]) return `${rule.title} – ${label(record[rule.via])}`;
  return rule.title;
}

export function recordPath(record) {
  return `/portal/${record.__typename}/${encodeURIComponent(record.id)}`;
}

export function link(record) {
  if (!record) return "None";
  if (!record.id || !manifest.records.includes(record.__typename)) return esc(label(record));
  return `<a class="govuk-link" href="${esc(recordPath(record))}">${esc(label(record))}</a>`;
}

function tag(value) {
  const colour = TAG_COLOURS[value];
  const modifier = colour ? ` govuk-tag--${colour}` : "";
  return `<strong class="govuk-tag${modifier}">${esc(humanise(value))}</strong>`;
}

function scalar(spec, value) {
  if (value === null || value === undefined || value === "") return "None";
  switch (spec.type) {
    case "Pence":
      return esc(formatMoney(value));
    case "Date":
      return esc(formatDate(value));
    case "DateTime":
      return esc(formatDateTime(value));
    case "Boolean":
      return value ? "Yes" : "No";
    case "Int":
    case "Float":
      return esc(Number(value).toLocaleString("en-GB"));
    case "JSON":
      return `<pre class="app-pre">${esc(JSON.stringify(value, null, 2))}</pre>`;
    default:
      if (/Url$/.test(spec.name) && /^https?:/.test(value)) {
        return `<a class="govuk-link" href="${esc(value)}">Open<span class="govuk-visually-hidden"> ${esc(spec.label.toLowerCase())}</span></a>`;
      }
      return `<span class="app-pre">${esc(value)}</span>`;
  }
}

function simple(spec) {
  return spec.kind !== "object";
}

/** One value, shown in full (compact inside table cells). */
export function value(spec, data, compact = false) {
  if (spec.list) {
    const items = data || [];
    if (!items.length) return "None";
    if (spec.kind === "object") return compactList(spec, items);
    const shown = items.map((item) => value({ ...spec, list: false }, item, true));
    return spec.kind === "ref" ? `<ul class="app-cell-list">${shown.map((s) => `<li>${s}</li>`).join("")}</ul>` : shown.join(", ");
  }
  if (data === null || data === undefined) return "None";
  if (spec.kind === "enum") return /^(status|decision)$/.test(spec.name) ? tag(data) : esc(enumLabel(spec.type, data));
  if (spec.kind === "ref") return link(data);
  if (spec.kind === "object") return compact ? compactObject(spec, data) : summary(spec.fields, data);
  return scalar(spec, data);
}

function compactObject(spec, data) {
  const parts = spec.fields
    .filter(simple)
    .map((f) => `${esc(f.label)}: ${value(f, data[f.name], true)}`);
  return parts.join("<br>");
}

function compactList(spec, items) {
  const rows = items.map((item) => {
    const head = spec.link ? `${link(item)} ` : "";
    const parts = spec.fields.filter((f) => simple(f) && !(spec.link && isLabelField(spec.type, f.name)));
    return `<li>${head}${parts.map((f) => value(f, item[f.name], true)).join(" · ")}</li>`;
  });
  return `<ul class="app-cell-list">${rows.join("")}</ul>`;
}

function isLabelField(type, name) {
  const rule = manifest.labels[type];
  return rule && (rule.prefix === name || rule.main === name);
}

/** A GOV.UK summary list of the simple fields. */
export function summary(fields, data) {
  const rows = fields
    .filter(simple)
    .map(
      (f) =>
        `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(f.label)}</dt>` +
        `<dd class="govuk-summary-list__value">${value(f, data?.[f.name])}</dd></div>`,
    );
  return rows.length ? `<dl class="govuk-summary-list">${rows.join("")}</dl>` : "";
}

let tableCount = 0;

/** A table of records or values; the first column links to each record. */
export function table(spec, items, caption, captionClass = "govuk-table__caption--m") {
  const columns = spec.fields.filter((f) => !(spec.link && isLabelField(spec.type, f.name)));
  const head = [
    ...(spec.link ? [`<th scope="col" class="govuk-table__header">${esc(manifest.labels[spec.type]?.title || "Record")}</th>`] : []),
    ...columns.map((f) => `<th scope="col" class="govuk-table__header">${esc(f.label)}</th>`),
  ];
  const body = items.map((item) => {
    const cells = [
      ...(spec.link ? [`<th scope="row" class="govuk-table__header">${link(item)}</th>`] : []),
      ...columns.map((f) => `<td class="govuk-table__cell">${value(f, item[f.name], true)}</td>`),
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

/** A record page's body: its simple fields, then a section per part or list. */
export function record(view, data, level = 2) {
  const parts = [summary(view, data)];
  for (const spec of view.filter((f) => !simple(f))) {
    const heading = `<h${level} class="govuk-heading-m">${esc(spec.label)}</h${level}>`;
    const found = data?.[spec.name];
    if (spec.list) {
      if (!found?.length) {
        parts.push(`${heading}<p class="govuk-body">None.</p>`);
      } else {
        parts.push(heading + table(spec, found, spec.label, "govuk-visually-hidden"));
      }
    } else if (found == null) {
      parts.push(`${heading}<p class="govuk-body">None.</p>`);
    } else {
      parts.push(heading + record(spec.fields, found, Math.min(level + 1, 6)));
    }
  }
  return parts.join("");
}
