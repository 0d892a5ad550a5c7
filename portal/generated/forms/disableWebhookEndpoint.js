// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "disableWebhookEndpoint",
 "title": "Disable webhook endpoint",
 "description": "Stop sending events to an endpoint. Events waiting for it are not sent. It cannot be re-enabled.",
 "inputType": "DisableWebhookEndpointInput",
 "context": {
  "field": "id",
  "types": [
   "WebhookEndpoint"
  ]
 },
 "confirm": false,
 "document": "mutation DisableWebhookEndpoint($input: DisableWebhookEndpointInput!) {\n  result: disableWebhookEndpoint(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on DisableWebhookEndpointPayload {\n      endpoint {\n        __typename\n        id\n        url\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n  }\n}\n",
 "contextDocument": "query DisableWebhookEndpointContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on WebhookEndpoint {\n        __typename\n        id\n        url\n      }\n  }\n}\n",
 "sources": {},
 "next": "endpoint",
 "payload": [
  {
   "name": "endpoint",
   "label": "Endpoint",
   "kind": "ref",
   "type": "WebhookEndpoint",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"disableWebhookEndpoint\"><input type=\"hidden\" name=\"input.id\" data-path=\"input.id\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Disable webhook endpoint</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
