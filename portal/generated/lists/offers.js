// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "offers",
 "title": "Offers",
 "description": "The places you have offered for children referred to you.",
 "type": "Offer",
 "public": false,
 "nav": true,
 "document": "query OffersList($before: String, $filter: OfferFilter) {\n  list: offers(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      reference\n      establishment {\n        name\n        __typename\n        id\n      }\n      status\n      referral {\n        __typename\n        id\n        child {\n          reference\n        }\n      }\n      startDate\n      submittedAt\n    }\n  }\n}\n",
 "columns": [
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
  },
  {
   "name": "establishment",
   "label": "Establishment",
   "list": false,
   "kind": "ref",
   "type": "Establishment"
  },
  {
   "name": "startDate",
   "label": "Start date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "submittedAt",
   "label": "Offer made",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
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
