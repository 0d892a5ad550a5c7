// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "lotMemberships",
 "title": "Lot memberships",
 "description": "Which providers have joined which lots. Only you and the councils can see your rate cards.",
 "type": "LotMembership",
 "public": true,
 "nav": false,
 "document": "query LotMembershipsList($before: String, $filter: LotMembershipFilter) {\n  list: lotMemberships(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n      status\n      provider {\n        __typename\n        id\n        legalName\n      }\n      since\n      until\n      suspendedAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "MembershipStatus"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "since",
   "label": "Member since",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "until",
   "label": "Membership ends",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "suspendedAt",
   "label": "Suspended",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
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
