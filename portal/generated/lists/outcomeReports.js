// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "outcomeReports",
 "title": "Outcome reports",
 "description": "Your termly reports on the progress of the children placed with you.",
 "type": "OutcomeReport",
 "public": false,
 "nav": true,
 "document": "query OutcomeReportsList($before: String, $filter: OutcomeReportFilter) {\n  list: outcomeReports(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      callOff {\n        reference\n        __typename\n        id\n      }\n      period\n      status\n      term\n      dueAt\n      submittedAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "OutcomeReportStatus"
  },
  {
   "name": "callOff",
   "label": "Placement",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "term",
   "label": "Term",
   "list": false,
   "kind": "enum",
   "type": "Term"
  },
  {
   "name": "dueAt",
   "label": "Due",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "submittedAt",
   "label": "Sent",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "OutcomeReportStatus",
   "hint": "Only reports in this state."
  },
  {
   "name": "term",
   "label": "Term",
   "type": "Term",
   "hint": "Only reports for this term."
  }
 ]
};
