// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "requestEmailVerification",
 "title": "Request email verification",
 "description": "Send a new link to confirm your own e-mail address, e.g. when the first one has expired. Earlier links stop working. INVALID_TRANSITION when you have no address or it is already verified.",
 "inputType": "RequestEmailVerificationInput",
 "context": null,
 "confirm": false,
 "document": "mutation RequestEmailVerification($input: RequestEmailVerificationInput!) {\n  result: requestEmailVerification(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on RequestEmailVerificationPayload {\n      email\n      expiresAt\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n  }\n}\n",
 "contextDocument": null,
 "sources": {},
 "next": null,
 "payload": [
  {
   "name": "email",
   "label": "Email address",
   "kind": "scalar",
   "type": "String",
   "list": false
  },
  {
   "name": "expiresAt",
   "label": "Link stops working",
   "kind": "scalar",
   "type": "DateTime",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"requestEmailVerification\"><div class=\"govuk-form-group\" data-group=\"input.email\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-email\">Email address (optional)</label><div class=\"govuk-hint\" id=\"f-input-email-hint\">The address on your account. We only ever send the link to that address.</div><input class=\"govuk-input\" type=\"text\" id=\"f-input-email\" name=\"input.email\" data-path=\"input.email\" data-kind=\"String\" data-label=\"Email address\" aria-describedby=\"f-input-email-hint\"></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Request email verification</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
