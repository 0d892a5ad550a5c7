// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "providers",
 "title": "Providers",
 "description": "Organisations that run schools and colleges on the purchasing system.",
 "type": "Provider",
 "public": true,
 "nav": false,
 "document": "query ProvidersList($before: String, $filter: ProviderFilter) {\n  list: providers(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      legalName\n      status\n      verifiedAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "ProviderStatus"
  },
  {
   "name": "verifiedAt",
   "label": "Registration checked on",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "ProviderStatus",
   "hint": "Only providers in this state."
  }
 ]
};
