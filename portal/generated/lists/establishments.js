// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "establishments",
 "title": "Establishments",
 "description": "Establishments' public profiles. Public.",
 "type": "Establishment",
 "public": true,
 "nav": false,
 "document": "query EstablishmentsList($after: String, $filter: EstablishmentFilter) {\n  list: establishments(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      name\n      type\n      ofstedDate\n      provider {\n        __typename\n        id\n        legalName\n      }\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "type",
   "label": "Type",
   "list": false,
   "kind": "enum",
   "type": "EstablishmentType"
  },
  {
   "name": "ofstedDate",
   "label": "Ofsted date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  }
 ],
 "filters": [
  {
   "name": "need",
   "label": "Need",
   "type": "NeedCode",
   "hint": "Only establishments catering for this need."
  },
  {
   "name": "type",
   "label": "Type",
   "type": "EstablishmentType",
   "hint": "Only establishments of this type."
  }
 ]
};
