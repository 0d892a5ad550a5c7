// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "callOffs",
 "title": "Call offs",
 "description": "Call-offs: an authority sees its own; a provider its own; the lead authority all.",
 "type": "CallOff",
 "public": false,
 "nav": true,
 "document": "query CallOffsList($after: String, $filter: CallOffFilter) {\n  list: callOffs(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      reference\n      type\n      startDate\n      endDate\n      awardedAt\n      status\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "type",
   "label": "Type",
   "list": false,
   "kind": "enum",
   "type": "CallOffType"
  },
  {
   "name": "startDate",
   "label": "Start date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "endDate",
   "label": "End date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "awardedAt",
   "label": "Awarded at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "CallOffStatus"
  }
 ],
 "filters": [
  {
   "name": "type",
   "label": "Type",
   "type": "CallOffType",
   "hint": "Only call-offs of this type."
  },
  {
   "name": "status",
   "label": "Status",
   "type": "CallOffStatus",
   "hint": "Only call-offs in this state today."
  }
 ]
};
