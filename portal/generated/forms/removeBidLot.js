// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "removeBidLot",
 "title": "Remove bid lot",
 "description": "Take a lot out of a draft bid, with its establishments and pricing schedule.",
 "inputType": "RemoveBidLotInput",
 "context": {
  "field": "bid",
  "types": [
   "Bid"
  ]
 },
 "confirm": false,
 "document": "mutation RemoveBidLot($input: RemoveBidLotInput!) {\n  result: removeBidLot(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on RemoveBidLotPayload {\n      bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query RemoveBidLotContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Bid {\n        __typename\n        id\n        round {\n          number\n          lots {\n            __typename\n            id\n            code\n            title\n          }\n        }\n        version\n      }\n  }\n}\n",
 "sources": {
  "context:round.lots": {
   "origin": "context",
   "path": [
    "round",
    "lots"
   ],
   "type": "Lot"
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"removeBidLot\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.bid\" data-path=\"input.bid\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.lot\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-lot\">Lot to remove</label><select class=\"govuk-select\" id=\"f-input-lot\" name=\"input.lot\" data-path=\"input.lot\" data-kind=\"ID\" data-label=\"Lot to remove\" data-required data-options=\"context:round.lots\" aria-required=\"true\"><option value=\"\">Choose lot to remove</option></select></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Remove bid lot</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
