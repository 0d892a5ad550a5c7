// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "outcomeReports",
 "title": "Outcome reports",
 "description": "Outcome reports: the placing authority and the provider see them.",
 "type": "OutcomeReport",
 "public": false,
 "nav": true,
 "document": "query OutcomeReportsList($after: String, $filter: OutcomeReportFilter) {\n  list: outcomeReports(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      period\n      term\n      dueAt\n      submittedAt\n      acceptedAt\n      status\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "term",
   "label": "Term",
   "list": false,
   "kind": "enum",
   "type": "Term"
  },
  {
   "name": "dueAt",
   "label": "Due at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "submittedAt",
   "label": "Submitted at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "acceptedAt",
   "label": "Accepted at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "OutcomeReportStatus"
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
