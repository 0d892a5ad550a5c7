// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "referrals",
 "title": "Referrals",
 "description": "Councils' requests for a placement for a child that you have been invited to make an offer for.",
 "type": "Referral",
 "public": false,
 "nav": true,
 "document": "query ReferralsList($before: String, $filter: ReferralFilter) {\n  list: referrals(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      child {\n        reference\n      }\n      status\n      authority {\n        __typename\n        id\n        name\n      }\n      offerDeadline\n      startBy\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "ReferralStatus"
  },
  {
   "name": "authority",
   "label": "Council",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "offerDeadline",
   "label": "Offers close",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "startBy",
   "label": "Placement to start by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "lot",
   "label": "Lot",
   "list": false,
   "kind": "ref",
   "type": "Lot"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "ReferralStatus",
   "hint": "Only referrals in this state now."
  }
 ]
};
