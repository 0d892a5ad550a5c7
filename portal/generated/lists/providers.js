// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "providers",
 "title": "Providers",
 "description": "Providers' public profiles. Public.",
 "type": "Provider",
 "public": true,
 "nav": false,
 "document": "query ProvidersList($after: String, $filter: ProviderFilter) {\n  list: providers(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      legalName\n      status\n      verifiedAt\n    }\n  }\n}\n",
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
   "label": "Verified at",
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
