// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "upliftRequests",
 "title": "Fee uplift requests",
 "description": "Requests for higher fees at an establishment on a lot, and what each council decided.",
 "type": "UpliftRequest",
 "public": false,
 "nav": true,
 "document": "query UpliftRequestsList($before: String, $filter: UpliftRequestFilter) {\n  list: upliftRequests(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      establishment {\n        __typename\n        id\n        name\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n      effectiveFrom\n      submittedAt\n    }\n  }\n}\n",
 "columns": [
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
  },
  {
   "name": "effectiveFrom",
   "label": "Uplift from",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "submittedAt",
   "label": "Asked on",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": []
};
