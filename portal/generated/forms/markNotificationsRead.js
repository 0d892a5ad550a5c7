// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "markNotificationsRead",
 "title": "Mark notifications read",
 "description": "Mark your messages read: the ones named, or all. Marking one already read changes nothing. Only your own: another person's message is NOT_FOUND.",
 "inputType": "MarkNotificationsReadInput",
 "context": null,
 "confirm": false,
 "document": "mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n  result: markNotificationsRead(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on MarkNotificationsReadPayload {\n      marked\n      unreadCount\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n  }\n}\n",
 "contextDocument": null,
 "sources": {},
 "next": null,
 "payload": [
  {
   "name": "marked",
   "label": "Marked as read",
   "kind": "scalar",
   "type": "Int",
   "list": false
  },
  {
   "name": "unreadCount",
   "label": "Still unread",
   "kind": "scalar",
   "type": "Int",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"markNotificationsRead\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><div class=\"govuk-form-group\" data-group=\"input.ids\" data-group-path=\"input.ids\" data-label=\"Messages\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Messages (optional)</h2></legend><div data-rows=\"input.ids\" data-initial=\"1\"></div><template data-template=\"input.ids\"><div class=\"app-row\" data-row data-row-path=\"input.ids[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Id <span data-row-number>__n__</span></legend><div class=\"govuk-form-group\" data-group=\"input.ids[__i__]\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-ids-__i__\">Id __n__</label><input class=\"govuk-input\" type=\"text\" id=\"f-input-ids-__i__\" name=\"input.ids[__i__]\" data-path=\"input.ids[__i__]\" data-kind=\"ID\" data-label=\"Id __n__\" data-required aria-required=\"true\" spellcheck=\"false\"></div><button type=\"button\" class=\"govuk-button govuk-button--secondary app-row__remove\" data-remove-row>Remove<span class=\"govuk-visually-hidden\"> id <span data-row-number>__n__</span></span></button></fieldset></div></template><button type=\"button\" class=\"govuk-button govuk-button--secondary\" data-add-row=\"input.ids\">Add another id</button></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.all\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">All your messages</legend><div class=\"govuk-radios govuk-radios--small govuk-radios--inline\" data-module=\"govuk-radios\" data-id=\"f-input-all\" data-path=\"input.all\" data-kind=\"Boolean\" data-label=\"All your messages\" data-required><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-all\" name=\"input.all\" type=\"radio\" value=\"true\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-all\">Yes</label></div><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-all-2\" name=\"input.all\" type=\"radio\" value=\"false\" checked><label class=\"govuk-label govuk-radios__label\" for=\"f-input-all-2\">No</label></div></div></fieldset></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Mark notifications read</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
