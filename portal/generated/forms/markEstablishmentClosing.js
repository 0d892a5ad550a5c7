// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "markEstablishmentClosing",
 "title": "Mark establishment closing",
 "description": "Say that an establishment is closing, when and why: the lead authority, or the provider for its own. Every authority with a placement there running past that day is told; `affectedPlacements` lists them.",
 "inputType": "MarkEstablishmentClosingInput",
 "context": {
  "field": "establishment",
  "types": [
   "Establishment"
  ]
 },
 "confirm": false,
 "document": "mutation MarkEstablishmentClosing($input: MarkEstablishmentClosingInput!) {\n  result: markEstablishmentClosing(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on MarkEstablishmentClosingPayload {\n      establishment {\n        __typename\n        id\n        name\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query MarkEstablishmentClosingContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Establishment {\n        __typename\n        id\n        name\n        version\n      }\n  }\n}\n",
 "sources": {},
 "next": "establishment",
 "payload": [
  {
   "name": "establishment",
   "label": "Establishment",
   "kind": "ref",
   "type": "Establishment",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"markEstablishmentClosing\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.establishment\" data-path=\"input.establishment\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.closingOn\"><fieldset class=\"govuk-fieldset\" role=\"group\" aria-describedby=\"f-input-closingOn-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Closing on</legend><div class=\"govuk-hint\" id=\"f-input-closingOn-hint\">The day it closes: today or later. For example, 27 3 2026.</div><div class=\"govuk-date-input\" id=\"f-input-closingOn\" data-path=\"input.closingOn\" data-kind=\"Date\" data-label=\"Closing on\" data-required><div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"f-input-closingOn-day\">Day</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-2\" id=\"f-input-closingOn-day\" name=\"input.closingOn-day\" type=\"text\" inputmode=\"numeric\" data-part=\"day\"></div></div><div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"f-input-closingOn-month\">Month</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-2\" id=\"f-input-closingOn-month\" name=\"input.closingOn-month\" type=\"text\" inputmode=\"numeric\" data-part=\"month\"></div></div><div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"f-input-closingOn-year\">Year</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-4\" id=\"f-input-closingOn-year\" name=\"input.closingOn-year\" type=\"text\" inputmode=\"numeric\" data-part=\"year\"></div></div></div></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.reason\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-reason\">Reason</label><div class=\"govuk-hint\" id=\"f-input-reason-hint\">Why it closes, in words; public with the establishment. Up to 2000 characters.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-reason\" name=\"input.reason\" data-path=\"input.reason\" data-kind=\"String\" data-label=\"Reason\" data-required aria-describedby=\"f-input-reason-hint\" aria-required=\"true\"></textarea></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Mark establishment closing</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
