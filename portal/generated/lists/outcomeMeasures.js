// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "outcomeMeasures",
 "title": "Outcome measures",
 "description": "Measures of the outcomes frameworks. Public.",
 "type": "OutcomeMeasure",
 "public": true,
 "nav": false,
 "document": "query OutcomeMeasuresList($after: String, $filter: OutcomeMeasureFilter) {\n  list: outcomeMeasures(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      code\n      name\n      domain\n      retiredAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "domain",
   "label": "Domain",
   "list": false,
   "kind": "enum",
   "type": "OutcomeDomain"
  },
  {
   "name": "retiredAt",
   "label": "Retired at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": [
  {
   "name": "domain",
   "label": "Domain",
   "type": "OutcomeDomain",
   "hint": "Only measures in this area."
  }
 ]
};
