// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "offers",
 "title": "Offers",
 "description": "Offers: a provider sees its own; an authority those against its referrals.",
 "type": "Offer",
 "public": false,
 "nav": true,
 "document": "query OffersList($after: String, $filter: OfferFilter) {\n  list: offers(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      startDate\n      submittedAt\n      withdrawnAt\n      status\n      referral {\n        __typename\n        id\n        authority {\n          __typename\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "startDate",
   "label": "Start date",
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
   "type": "OfferStatus"
  },
  {
   "name": "referral",
   "label": "Referral",
   "list": false,
   "kind": "ref",
   "type": "Referral"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "OfferStatus",
   "hint": "Only offers in this state."
  }
 ]
};
