// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "referrals",
 "title": "Referrals",
 "description": "Referrals: an authority sees its own; a provider those it is invited to.",
 "type": "Referral",
 "public": false,
 "nav": true,
 "document": "query ReferralsList($after: String, $filter: ReferralFilter) {\n  list: referrals(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      authority {\n        __typename\n        id\n        code\n        name\n      }\n      startBy\n      offerDeadline\n      mode\n      openedAt\n      status\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "startBy",
   "label": "Start by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "offerDeadline",
   "label": "Offer deadline",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "mode",
   "label": "Mode",
   "list": false,
   "kind": "enum",
   "type": "ReferralMode"
  },
  {
   "name": "openedAt",
   "label": "Opened at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "ReferralStatus"
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
