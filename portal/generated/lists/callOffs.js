// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "callOffs",
 "title": "Placements",
 "description": "Children placed with you through the purchasing system, with their fees and outcome reports.",
 "type": "CallOff",
 "public": false,
 "nav": true,
 "document": "query CallOffsList($before: String, $filter: CallOffFilter) {\n  list: callOffs(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      reference\n      status\n      type\n      establishment {\n        __typename\n        id\n        name\n      }\n      authority {\n        __typename\n        id\n        name\n      }\n      startDate\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "CallOffStatus"
  },
  {
   "name": "type",
   "label": "Type of contract",
   "list": false,
   "kind": "enum",
   "type": "CallOffType"
  },
  {
   "name": "establishment",
   "label": "Establishment",
   "list": false,
   "kind": "ref",
   "type": "Establishment"
  },
  {
   "name": "authority",
   "label": "Council",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "startDate",
   "label": "Start date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  }
 ],
 "filters": [
  {
   "name": "type",
   "label": "Type of contract",
   "type": "CallOffType",
   "hint": "Only placements of this type."
  },
  {
   "name": "status",
   "label": "Status",
   "type": "CallOffStatus",
   "hint": "Only placements in this state today."
  }
 ]
};
