// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "bids",
 "title": "Bids",
 "description": "Bids: a provider sees its own; the lead authority and auditors see all.",
 "type": "Bid",
 "public": false,
 "nav": true,
 "document": "query BidsList($after: String, $filter: BidFilter) {\n  list: bids(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      round {\n        __typename\n        id\n        number\n      }\n      submittedAt\n      withdrawnAt\n      status\n      provider {\n        __typename\n        id\n        legalName\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "submittedAt",
   "label": "Submitted at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "withdrawnAt",
   "label": "Withdrawn at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "BidStatus"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "BidStatus",
   "hint": "Only bids in this state."
  }
 ]
};
