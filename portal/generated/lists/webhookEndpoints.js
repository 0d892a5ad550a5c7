// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "webhookEndpoints",
 "title": "Webhook endpoints",
 "description": "Your organisation's webhook endpoints, oldest first, each with its delivery log. For an authority's commissioners and a provider's administrators; nobody sees another organisation's.",
 "type": "WebhookEndpoint",
 "public": false,
 "nav": true,
 "document": "query WebhookEndpointsList($after: String) {\n  list: webhookEndpoints(first: 20, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      createdAt\n      secretRotatedAt\n      previousSecretExpiresAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "createdAt",
   "label": "Created at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "secretRotatedAt",
   "label": "Secret rotated at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "previousSecretExpiresAt",
   "label": "Previous secret expires at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": []
};
