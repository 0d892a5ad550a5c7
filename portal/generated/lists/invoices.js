// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "invoices",
 "title": "Invoices",
 "description": "Invoices: a provider's own; an authority's people (its finance users among them) those to their authority; the lead authority and auditors every one.",
 "type": "Invoice",
 "public": false,
 "nav": true,
 "document": "query InvoicesList($before: String, $filter: InvoiceFilter) {\n  list: invoices(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      reference\n      periodStart\n      periodEnd\n      receivedAt\n      status\n      callOff {\n        __typename\n        id\n        reference\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "periodStart",
   "label": "Period start",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "periodEnd",
   "label": "Period end",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "receivedAt",
   "label": "Received at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "InvoiceStatus"
  },
  {
   "name": "callOff",
   "label": "Call off",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "InvoiceStatus",
   "hint": "Only invoices in this state."
  }
 ]
};
