// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "lotMemberships",
 "title": "Lot memberships",
 "description": "Lot members. Public; rate cards only for buyers and the member itself.",
 "type": "LotMembership",
 "public": true,
 "nav": false,
 "document": "query LotMembershipsList($after: String, $filter: LotMembershipFilter) {\n  list: lotMemberships(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      since\n      until\n      suspendedAt\n      status\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "since",
   "label": "Since",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "until",
   "label": "Until",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "suspendedAt",
   "label": "Suspended at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "MembershipStatus"
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
   "type": "MembershipStatus",
   "hint": "Only memberships in this state."
  }
 ]
};
