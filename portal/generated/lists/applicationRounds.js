// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "applicationRounds",
 "title": "Application rounds",
 "description": "The times when providers can apply to join lots. Each round has its own closing date.",
 "type": "ApplicationRound",
 "public": true,
 "nav": true,
 "document": "query ApplicationRoundsList($before: String, $filter: ApplicationRoundFilter) {\n  list: applicationRounds(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      number\n      status\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n      opensAt\n      clarificationDeadline\n      closesAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "RoundStatus"
  },
  {
   "name": "system",
   "label": "Purchasing system",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
  },
  {
   "name": "opensAt",
   "label": "Opens",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "clarificationDeadline",
   "label": "Deadline for questions",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "closesAt",
   "label": "Closes",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
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
