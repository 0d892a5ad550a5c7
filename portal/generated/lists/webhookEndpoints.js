// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "webhookEndpoints",
 "title": "Webhooks",
 "description": "Addresses where your own systems are told about new referrals and other events. For your technical staff.",
 "type": "WebhookEndpoint",
 "public": false,
 "nav": true,
 "document": "query WebhookEndpointsList($before: String) {\n  list: webhookEndpoints(last: 20, before: $before) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      url\n      createdAt\n      secretRotatedAt\n      previousSecretExpiresAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "createdAt",
   "label": "Set up",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "secretRotatedAt",
   "label": "Secret last replaced",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "previousSecretExpiresAt",
   "label": "Previous secret stops working",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "filters": []
};
