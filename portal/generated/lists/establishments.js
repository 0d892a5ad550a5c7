// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "establishments",
 "title": "Establishments",
 "description": "Schools and colleges on the purchasing system, including yours.",
 "type": "Establishment",
 "public": true,
 "nav": true,
 "document": "query EstablishmentsList($before: String, $filter: EstablishmentFilter) {\n  list: establishments(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      name\n      type\n      provider {\n        __typename\n        id\n        legalName\n      }\n      closingOn\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "type",
   "label": "Type of establishment",
   "list": false,
   "kind": "enum",
   "type": "EstablishmentType"
  },
  {
   "name": "provider",
   "label": "Run by",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "closingOn",
   "label": "Closing on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  }
 ],
 "filters": [
  {
   "name": "need",
   "label": "Need catered for",
   "type": "NeedCode",
   "hint": "Only establishments catering for this need."
  },
  {
   "name": "type",
   "label": "Type of establishment",
   "type": "EstablishmentType",
   "hint": "Only establishments of this type."
  }
 ]
};
