// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "upliftRequests",
 "title": "Uplift requests",
 "description": "Fee-uplift requests, oldest first, with their decisions: a provider's own; every one for the buying side, the regional view of how each authority decided on each establishment.",
 "type": "UpliftRequest",
 "public": false,
 "nav": true,
 "document": "query UpliftRequestsList($before: String, $filter: UpliftRequestFilter) {\n  list: upliftRequests(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      effectiveFrom\n      submittedAt\n      establishment {\n        __typename\n        id\n        name\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "effectiveFrom",
   "label": "Effective from",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "submittedAt",
   "label": "Submitted at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "establishment",
   "label": "Establishment",
   "list": false,
   "kind": "ref",
   "type": "Establishment"
  },
  {
   "name": "lot",
   "label": "Lot",
   "list": false,
   "kind": "ref",
   "type": "Lot"
  }
 ],
 "filters": []
};
