// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "bids",
 "title": "Applications",
 "description": "Your applications to join lots of the purchasing system.",
 "type": "Bid",
 "public": false,
 "nav": true,
 "document": "query BidsList($before: String, $filter: BidFilter) {\n  list: bids(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      round {\n        number\n        __typename\n        id\n      }\n      status\n      submittedAt\n      withdrawnAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "BidStatus"
  },
  {
   "name": "round",
   "label": "Application round",
   "list": false,
   "kind": "ref",
   "type": "ApplicationRound"
  },
  {
   "name": "submittedAt",
   "label": "Submitted",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "withdrawnAt",
   "label": "Withdrawn",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "BidStatus",
   "hint": "Only applications in this state."
  }
 ]
};
