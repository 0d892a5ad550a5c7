// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "submitBid",
 "title": "Submit bid",
 "description": "Submit a complete draft bid before the round closes: at least one lot with establishments and a full pricing schedule, and an answer to every question. It is sealed and never changes after.",
 "inputType": "SubmitBidInput",
 "context": {
  "field": "bid",
  "types": [
   "Bid"
  ]
 },
 "confirm": true,
 "document": "mutation SubmitBid($input: SubmitBidInput!) {\n  result: submitBid(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on SubmitBidPayload {\n      bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query SubmitBidContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n  }\n}\n",
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"submitBid\"><input type=\"hidden\" name=\"input.bid\" data-path=\"input.bid\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
