// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "WebhookEndpoint",
 "title": "Webhook endpoint",
 "description": "A URL your organisation receives signed events at (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`), for the kinds of event it chose. Seen only by the organisation's commissioners, or its provider's administrators.",
 "document": "query WebhookEndpointPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on WebhookEndpoint {\n      __typename\n      id\n      url\n      description\n      kinds\n      createdAt\n      secretRotatedAt\n      previousSecretExpiresAt\n      disabledAt\n      enabled\n      owner\n      recentDeliveries {\n        attemptedAt\n        attemptNumber\n        outcome\n        statusCode\n        error\n        durationMs\n        kind\n        reference\n        subject\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "url",
   "label": "Url",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "description",
   "label": "Description",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "kinds",
   "label": "Kinds",
   "list": true,
   "kind": "scalar",
   "type": "String"
  },
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
  },
  {
   "name": "disabledAt",
   "label": "Disabled at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "enabled",
   "label": "Enabled",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "owner",
   "label": "Owner",
   "list": false,
   "kind": "scalar",
   "type": "ID"
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
     "label": "Attempted at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "attemptNumber",
     "label": "Attempt number",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "outcome",
     "label": "Outcome",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "statusCode",
     "label": "Status code",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "error",
     "label": "Error",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "durationMs",
     "label": "Duration ms",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "kind",
     "label": "Kind",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "reference",
     "label": "Reference",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "subject",
     "label": "Subject",
     "list": false,
     "kind": "scalar",
     "type": "ID"
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "disableWebhookEndpoint",
   "title": "Disable webhook endpoint",
   "description": "Stop sending events to an endpoint. Events waiting for it are not sent. It cannot be re-enabled."
  },
  {
   "operation": "rotateWebhookEndpointSecret",
   "title": "Rotate webhook endpoint secret",
   "description": "Replace an endpoint's signing secret. The new one is returned once; the old one still signs, beside it, the events written in the next day (`WEBHOOK_SECRET_OVERLAP_SECONDS`)."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfWebhookEndpoint($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "documentType",
     "label": "Document type",
     "list": false,
     "kind": "enum",
     "type": "DocumentType"
    },
    {
     "name": "uploadExpiresAt",
     "label": "Upload expires at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "uploadedAt",
     "label": "Uploaded at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "rejectedAt",
     "label": "Rejected at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "DocumentStatus"
    }
   ]
  }
 ]
};
