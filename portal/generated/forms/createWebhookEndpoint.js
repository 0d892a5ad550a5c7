// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "createWebhookEndpoint",
 "title": "Create webhook endpoint",
 "description": "Register a URL to receive your organisation's events of the kinds chosen, signed per Standard Webhooks. The URL is checked, never called, now. The signing secret is returned once.",
 "inputType": "CreateWebhookEndpointInput",
 "context": null,
 "confirm": false,
 "document": "mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n  result: createWebhookEndpoint(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on CreateWebhookEndpointPayload {\n      endpoint {\n        __typename\n        id\n        url\n      }\n      secret\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n  }\n}\n",
 "contextDocument": null,
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
   "label": "Signing secret",
   "kind": "scalar",
   "type": "String",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"createWebhookEndpoint\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><div class=\"govuk-form-group\" data-group=\"input.url\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-url\">Web address</label><div class=\"govuk-hint\" id=\"f-input-url-hint\">The https address where your system will receive events. We do not contact it until the first event.</div><input class=\"govuk-input\" type=\"text\" id=\"f-input-url\" name=\"input.url\" data-path=\"input.url\" data-kind=\"String\" data-label=\"Web address\" data-required aria-describedby=\"f-input-url-hint\" aria-required=\"true\"></div><div class=\"govuk-form-group\" data-group=\"input.kinds\" data-group-path=\"input.kinds\" data-label=\"Events to send\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-kinds-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Events to send</h2></legend><div class=\"govuk-hint\" id=\"f-input-kinds-hint\">One event on each line, for example referral.invited.</div><div data-rows=\"input.kinds\" data-initial=\"1\"></div><template data-template=\"input.kinds\"><div class=\"app-row\" data-row data-row-path=\"input.kinds[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Kind <span data-row-number>__n__</span></legend><div class=\"govuk-form-group\" data-group=\"input.kinds[__i__]\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-kinds-__i__\">Kind __n__</label><input class=\"govuk-input\" type=\"text\" id=\"f-input-kinds-__i__\" name=\"input.kinds[__i__]\" data-path=\"input.kinds[__i__]\" data-kind=\"String\" data-label=\"Kind __n__\" data-required aria-required=\"true\"></div><button type=\"button\" class=\"govuk-button govuk-button--secondary app-row__remove\" data-remove-row>Remove<span class=\"govuk-visually-hidden\"> kind <span data-row-number>__n__</span></span></button></fieldset></div></template><button type=\"button\" class=\"govuk-button govuk-button--secondary\" data-add-row=\"input.kinds\">Add another kind</button></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.description\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-description\">What it is for (optional)</label><div class=\"govuk-hint\" id=\"f-input-description-hint\">To help you recognise it later. Up to 200 characters.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-description\" name=\"input.description\" data-path=\"input.description\" data-kind=\"String\" data-label=\"What it is for\" aria-describedby=\"f-input-description-hint\"></textarea></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Create webhook endpoint</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
