// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "rotateWebhookEndpointSecret",
 "title": "Rotate webhook endpoint secret",
 "description": "Replace an endpoint's signing secret. The new one is returned once; the old one still signs, beside it, the events written in the next day (`WEBHOOK_SECRET_OVERLAP_SECONDS`).",
 "inputType": "RotateWebhookEndpointSecretInput",
 "context": {
  "field": "id",
  "types": [
   "WebhookEndpoint"
  ]
 },
 "confirm": false,
 "document": "mutation RotateWebhookEndpointSecret($input: RotateWebhookEndpointSecretInput!) {\n  result: rotateWebhookEndpointSecret(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on RotateWebhookEndpointSecretPayload {\n      endpoint {\n        __typename\n        id\n        url\n      }\n      secret\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n  }\n}\n",
 "contextDocument": "query RotateWebhookEndpointSecretContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on WebhookEndpoint {\n        __typename\n        id\n        url\n      }\n  }\n}\n",
 "sources": {},
 "next": "endpoint",
 "payload": [
  {
   "name": "endpoint",
   "label": "Endpoint",
   "kind": "ref",
   "type": "WebhookEndpoint",
   "list": false
  },
  {
   "name": "secret",
   "label": "New signing secret",
   "kind": "scalar",
   "type": "String",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"rotateWebhookEndpointSecret\"><input type=\"hidden\" name=\"input.id\" data-path=\"input.id\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Rotate webhook endpoint secret</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
