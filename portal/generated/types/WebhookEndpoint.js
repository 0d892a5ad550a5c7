// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "WebhookEndpoint",
 "title": "Webhook",
 "description": "",
 "document": "query WebhookEndpointPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on WebhookEndpoint {\n      __typename\n      id\n      url\n      description\n      enabled\n      kinds\n      createdAt\n      secretRotatedAt\n      previousSecretExpiresAt\n      disabledAt\n      recentDeliveries {\n        attemptedAt\n        kind\n        outcome\n        attemptNumber\n        statusCode\n        error\n        durationMs\n        reference\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "description",
   "label": "What it is for",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "enabled",
   "label": "Sending events",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "kinds",
   "label": "Events sent",
   "list": true,
   "kind": "scalar",
   "type": "String"
  },
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
  },
  {
   "name": "disabledAt",
   "label": "Turned off",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "recentDeliveries",
   "label": "Recent deliveries",
   "list": true,
   "kind": "object",
   "type": "WebhookDelivery",
   "fields": [
    {
     "name": "attemptedAt",
     "label": "Sent",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "kind",
     "label": "Event",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "outcome",
     "label": "Result",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "attemptNumber",
     "label": "Attempt",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "statusCode",
     "label": "Response code",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "error",
     "label": "Problem",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "durationMs",
     "label": "Time taken in milliseconds",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "reference",
     "label": "Event reference",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ],
   "hint": "The latest attempts to send events to this address, newest first."
  }
 ],
 "actions": [
  {
   "operation": "disableWebhookEndpoint",
   "title": "Disable webhook endpoint",
   "description": "Stop sending events to this address. You cannot turn it back on."
  },
  {
   "operation": "rotateWebhookEndpointSecret",
   "title": "Rotate webhook endpoint secret",
   "description": "Replace the secret your systems use to check that events came from us."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfWebhookEndpoint($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "documentType",
     "label": "Type of document",
     "list": false,
     "kind": "enum",
     "type": "DocumentType"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "DocumentStatus"
    },
    {
     "name": "uploadedAt",
     "label": "Uploaded",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "owner",
     "label": "Attached to",
     "list": false,
     "kind": "ref",
     "type": "Node"
    },
    {
     "name": "previousVersion",
     "label": "Replaces",
     "list": false,
     "kind": "ref",
     "type": "Document"
    }
   ]
  }
 ]
};
