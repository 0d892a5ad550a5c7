// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "withdrawBid",
 "title": "Withdraw bid",
 "description": "Withdraw a draft or submitted bid while the round is open, saying why. It stays withdrawn; to apply again, start a new bid, optionally copied from it, and submit that before the deadline.",
 "inputType": "WithdrawBidInput",
 "context": {
  "field": "bid",
  "types": [
   "Bid"
  ]
 },
 "confirm": false,
 "document": "mutation WithdrawBid($input: WithdrawBidInput!) {\n  result: withdrawBid(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on WithdrawBidPayload {\n      bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query WithdrawBidContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n  }\n}\n",
 "sources": {},
 "next": "bid",
 "payload": [
  {
   "name": "bid",
   "label": "Bid",
   "kind": "ref",
   "type": "Bid",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"withdrawBid\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.bid\" data-path=\"input.bid\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.reason\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-reason\">Why you are withdrawing this application</label><div class=\"govuk-hint\" id=\"f-input-reason-hint\">The lead authority reads this.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-reason\" name=\"input.reason\" data-path=\"input.reason\" data-kind=\"String\" data-label=\"Why you are withdrawing this application\" data-required aria-describedby=\"f-input-reason-hint\" aria-required=\"true\"></textarea></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Withdraw bid</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
