// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "fundingSplits",
 "title": "Funding",
 "description": "Placements whose weekly cost your organisation is asked to help pay for, with who pays what.",
 "type": "FundingSplit",
 "public": false,
 "nav": true,
 "document": "query FundingSplitsList($before: String, $filter: FundingSplitFilter) {\n  list: fundingSplits(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      callOff {\n        reference\n        establishment {\n          __typename\n          id\n          name\n        }\n        authority {\n          __typename\n          id\n          name\n        }\n      }\n      effectiveFrom\n      status\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "callOff.establishment",
   "label": "Establishment",
   "list": false,
   "kind": "ref",
   "type": "Establishment"
  },
  {
   "name": "callOff.authority",
   "label": "Council",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "effectiveFrom",
   "label": "Applies from",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "FundingSplitStatus"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "FundingSplitStatus",
   "hint": ""
  }
 ]
};
