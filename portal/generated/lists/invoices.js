// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "invoices",
 "title": "Invoices",
 "description": "Invoices for placements, newest first, with whether each is approved, disputed or paid.",
 "type": "Invoice",
 "public": false,
 "nav": true,
 "document": "query InvoicesList($before: String, $filter: InvoiceFilter) {\n  list: invoices(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      reference\n      provider {\n        __typename\n        id\n        legalName\n      }\n      callOff {\n        __typename\n        id\n        reference\n      }\n      periodStart\n      periodEnd\n      total\n      difference\n      dueOn\n      status\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "callOff",
   "label": "Placement",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "periodStart",
   "label": "First day billed",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "periodEnd",
   "label": "Last day billed",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "total",
   "label": "Total billed",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "difference",
   "label": "Difference",
   "list": false,
   "kind": "scalar",
   "type": "PenceDifference",
   "format": "difference"
  },
  {
   "name": "dueOn",
   "label": "Payment due by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "InvoiceStatus"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "InvoiceStatus",
   "hint": ""
  }
 ]
};
