// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "purchasingSystems",
 "title": "Purchasing systems",
 "description": "Purchasing systems with their lots, specifications and outcomes framework. Public.",
 "type": "PurchasingSystem",
 "public": true,
 "nav": false,
 "document": "query PurchasingSystemsList($after: String, $filter: PurchasingSystemFilter) {\n  list: purchasingSystems(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      reference\n      title\n      regime\n      termStart\n      termEnd\n      activatedAt\n      status\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "regime",
   "label": "Regime",
   "list": false,
   "kind": "enum",
   "type": "Regime"
  },
  {
   "name": "termStart",
   "label": "Term start",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "termEnd",
   "label": "Term end",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "activatedAt",
   "label": "Activated at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "SystemStatus"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "SystemStatus",
   "hint": "Only systems in this state."
  }
 ]
};
