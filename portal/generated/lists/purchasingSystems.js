// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "purchasingSystems",
 "title": "Purchasing systems",
 "description": "How the councils buy placements, with the lots, service specification and outcome measures of each.",
 "type": "PurchasingSystem",
 "public": true,
 "nav": false,
 "document": "query PurchasingSystemsList($before: String, $filter: PurchasingSystemFilter) {\n  list: purchasingSystems(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      reference\n      title\n      status\n      leadAuthority {\n        __typename\n        id\n        name\n      }\n      termStart\n      termEnd\n      admissionMode\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "SystemStatus"
  },
  {
   "name": "leadAuthority",
   "label": "Run by",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "termStart",
   "label": "Starts",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "termEnd",
   "label": "Ends",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "admissionMode",
   "label": "How providers join",
   "list": false,
   "kind": "enum",
   "type": "AdmissionMode"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "SystemStatus",
   "hint": "Only purchasing systems in this state."
  }
 ]
};
