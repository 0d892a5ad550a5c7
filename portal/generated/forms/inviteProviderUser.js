// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "inviteProviderUser",
 "title": "Invite provider user",
 "description": "Invite a colleague to your provider (administrators only). They are e-mailed a one-time link, valid for 7 days, where they choose a password; it is never shown to you.",
 "inputType": "InviteProviderUserInput",
 "context": null,
 "confirm": false,
 "document": "mutation InviteProviderUser($input: InviteProviderUserInput!) {\n  result: inviteProviderUser(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on InviteProviderUserPayload {\n      username\n      displayName\n      administrator\n      email\n      expiresAt\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n  }\n}\n",
 "contextDocument": null,
 "sources": {},
 "next": null,
 "payload": [
  {
   "name": "username",
   "label": "Username",
   "kind": "scalar",
   "type": "String",
   "list": false
  },
  {
   "name": "displayName",
   "label": "Name",
   "kind": "scalar",
   "type": "String",
   "list": false
  },
  {
   "name": "administrator",
   "label": "Administrator",
   "kind": "scalar",
   "type": "Boolean",
   "list": false
  },
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"inviteProviderUser\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><div class=\"govuk-form-group\" data-group=\"input.username\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-username\">Username</label><div class=\"govuk-hint\" id=\"f-input-username-hint\">What they will sign in with. Use 3 to 100 letters, numbers and the symbols . _ @ + or -.</div><input class=\"govuk-input\" type=\"text\" id=\"f-input-username\" name=\"input.username\" data-path=\"input.username\" data-kind=\"String\" data-label=\"Username\" data-required aria-describedby=\"f-input-username-hint\" aria-required=\"true\"></div><div class=\"govuk-form-group\" data-group=\"input.displayName\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-displayName\">Full name</label><div class=\"govuk-hint\" id=\"f-input-displayName-hint\">As colleagues will see it.</div><input class=\"govuk-input\" type=\"text\" id=\"f-input-displayName\" name=\"input.displayName\" data-path=\"input.displayName\" data-kind=\"String\" data-label=\"Full name\" data-required aria-describedby=\"f-input-displayName-hint\" aria-required=\"true\"></div><div class=\"govuk-form-group\" data-group=\"input.administrator\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-administrator-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Can give colleagues accounts</legend><div class=\"govuk-hint\" id=\"f-input-administrator-hint\">Administrators can invite colleagues, as you can.</div><div class=\"govuk-radios govuk-radios--small govuk-radios--inline\" data-module=\"govuk-radios\" data-id=\"f-input-administrator\" data-path=\"input.administrator\" data-kind=\"Boolean\" data-label=\"Can give colleagues accounts\" data-required><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-administrator\" name=\"input.administrator\" type=\"radio\" value=\"true\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-administrator\">Yes</label></div><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-administrator-2\" name=\"input.administrator\" type=\"radio\" value=\"false\" checked><label class=\"govuk-label govuk-radios__label\" for=\"f-input-administrator-2\">No</label></div></div></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.email\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-email\">Email address</label><div class=\"govuk-hint\" id=\"f-input-email-hint\">We will email them a link to choose a password. The link works for 7 days.</div><input class=\"govuk-input\" type=\"text\" id=\"f-input-email\" name=\"input.email\" data-path=\"input.email\" data-kind=\"String\" data-label=\"Email address\" data-required aria-describedby=\"f-input-email-hint\" aria-required=\"true\"></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Invite provider user</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
