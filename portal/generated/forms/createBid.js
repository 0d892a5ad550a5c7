// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "createBid",
 "title": "Create bid",
 "description": "Start a DRAFT bid in an open round. Your organisation must be verified and ACTIVE, and may have one live bid per round: after withdrawing one, start another, optionally copied from it.",
 "inputType": "CreateBidInput",
 "context": {
  "field": "round",
  "types": [
   "ApplicationRound"
  ]
 },
 "confirm": false,
 "document": "mutation CreateBid($input: CreateBidInput!) {\n  result: createBid(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on CreateBidPayload {\n      bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n  }\n}\n",
 "contextDocument": "query CreateBidContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on ApplicationRound {\n        __typename\n        id\n        number\n        version\n      }\n  }\n  bids(first: 100) {\n    nodes {\n      __typename\n      id\n      round {\n        number\n      }\n    }\n  }\n}\n",
 "sources": {
  "query:bids": {
   "origin": "query",
   "path": [
    "bids"
   ],
   "type": "Bid"
  }
 },
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"createBid\"><input type=\"hidden\" name=\"input.round\" data-path=\"input.round\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.copyFrom\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-copyFrom\">Application to copy (optional)</label><div class=\"govuk-hint\" id=\"f-input-copyFrom-hint\">Start with the lots, prices and answers of an application you withdrew from this round.</div><select class=\"govuk-select\" id=\"f-input-copyFrom\" name=\"input.copyFrom\" data-path=\"input.copyFrom\" data-kind=\"ID\" data-label=\"Application to copy\" data-options=\"query:bids\" aria-describedby=\"f-input-copyFrom-hint\"><option value=\"\">Choose application to copy</option></select></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Create bid</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
