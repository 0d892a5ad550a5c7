// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "withdrawOffer",
 "title": "Withdraw offer",
 "description": "Withdraw a SUBMITTED offer before the offer deadline, saying why. It stays withdrawn. The referring authority's commissioners are told, and read your reason on the offer.",
 "inputType": "WithdrawOfferInput",
 "context": {
  "field": "offer",
  "types": [
   "Offer"
  ]
 },
 "confirm": false,
 "document": "mutation WithdrawOffer($input: WithdrawOfferInput!) {\n  result: withdrawOffer(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on WithdrawOfferPayload {\n      offer {\n        __typename\n        id\n        reference\n        establishment {\n          name\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query WithdrawOfferContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Offer {\n        __typename\n        id\n        reference\n        establishment {\n          name\n        }\n        version\n      }\n  }\n}\n",
 "sources": {},
 "next": "offer",
 "payload": [
  {
   "name": "offer",
   "label": "Offer",
   "kind": "ref",
   "type": "Offer",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"withdrawOffer\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.offer\" data-path=\"input.offer\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.reason\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-reason\">Why you are withdrawing this offer</label><div class=\"govuk-hint\" id=\"f-input-reason-hint\">The council reads this. Do not include the child&#x27;s name.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-reason\" name=\"input.reason\" data-path=\"input.reason\" data-kind=\"String\" data-label=\"Why you are withdrawing this offer\" data-required aria-describedby=\"f-input-reason-hint\" aria-required=\"true\"></textarea></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Withdraw offer</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
