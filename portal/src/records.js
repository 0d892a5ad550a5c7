// A record's page content: its fields from the generated view, then the lists that point at it
// (a round's bids, the documents attached to a bid). Used by record pages and "check your answers".

import { graphql, query } from "./graphql.js";
import { esc, record, table } from "./render.js";

export async function loadRecord(type, id) {
  const page = (await import(`/portal/generated/types/${type}.js`)).default;
  const [body, related] = await Promise.all([
    graphql(page.document, { id }),
    Promise.all(
      (page.related || []).map((r) =>
        query(r.document, { id })
          .then((d) => [r, d.list])
          .catch(() => [r, null]),
      ),
    ),
  ]);
  // a record that does not exist, or that you may not see, is reported by the API as not found
  const record = body.data?.record;
  const found = record && record.__typename === type ? record : null;
  return { page, found, related };
}

export function recordHtml({ page, found, related }) {
  const lists = related
    .filter(([, list]) => list?.nodes?.length)
    .map(
      ([r, list]) =>
        `<h2 class="govuk-heading-m">${esc(r.title)}</h2>` +
        table({ kind: "object", list: true, link: true, type: r.type, fields: r.columns }, list.nodes, r.title, "govuk-visually-hidden"),
    );
  return record(page.view, found) + lists.join("");
}
