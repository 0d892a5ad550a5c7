// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "outcomeMeasures",
 "title": "Outcome measures",
 "description": "What you report on in outcome reports, and how each is measured.",
 "type": "OutcomeMeasure",
 "public": true,
 "nav": false,
 "document": "query OutcomeMeasuresList($before: String, $filter: OutcomeMeasureFilter) {\n  list: outcomeMeasures(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      code\n      name\n      domain\n      retiredAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "domain",
   "label": "Area",
   "list": false,
   "kind": "enum",
   "type": "OutcomeDomain"
  },
  {
   "name": "retiredAt",
   "label": "No longer used from",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": [
  {
   "name": "domain",
   "label": "Area",
   "type": "OutcomeDomain",
   "hint": "Only measures in this area."
  }
 ]
};
