// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "applicationRounds",
 "title": "Application rounds",
 "description": "Application rounds with their lots and questions. Public.",
 "type": "ApplicationRound",
 "public": true,
 "nav": true,
 "document": "query ApplicationRoundsList($after: String, $filter: ApplicationRoundFilter) {\n  list: applicationRounds(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      number\n      opensAt\n      clarificationDeadline\n      closesAt\n      status\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "opensAt",
   "label": "Opens at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "clarificationDeadline",
   "label": "Clarification deadline",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "closesAt",
   "label": "Closes at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "RoundStatus"
  },
  {
   "name": "system",
   "label": "System",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "RoundStatus",
   "hint": "Only rounds in this state now."
  }
 ]
};
