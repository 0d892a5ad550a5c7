// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "setBidLot",
 "title": "Set bid lot",
 "description": "Bid for a lot of the round, or replace what a draft bid offers for it: the establishments and the whole pricing schedule.",
 "inputType": "SetBidLotInput",
 "context": {
  "field": "bid",
  "types": [
   "Bid"
  ]
 },
 "confirm": false,
 "document": "mutation SetBidLot($input: SetBidLotInput!) {\n  result: setBidLot(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on SetBidLotPayload {\n      bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n      bidLot {\n        __typename\n        id\n        lot {\n          code\n          title\n        }\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query SetBidLotContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Bid {\n        __typename\n        id\n        round {\n          number\n          lots {\n            __typename\n            id\n            code\n            title\n          }\n        }\n        version\n        provider {\n          establishments {\n            __typename\n            id\n            name\n          }\n        }\n      }\n  }\n}\n",
 "sources": {
  "context:round.lots": {
   "origin": "context",
   "path": [
    "round",
    "lots"
   ],
   "type": "Lot"
  },
  "context:provider.establishments": {
   "origin": "context",
   "path": [
    "provider",
    "establishments"
   ],
   "type": "Establishment"
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
  },
  {
   "name": "bidLot",
   "label": "Bid lot",
   "kind": "ref",
   "type": "BidLot",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"setBidLot\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.bid\" data-path=\"input.bid\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.lot\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-lot\">Lot</label><div class=\"govuk-hint\" id=\"f-input-lot-hint\">A lot of this round that you want to join.</div><select class=\"govuk-select\" id=\"f-input-lot\" name=\"input.lot\" data-path=\"input.lot\" data-kind=\"ID\" data-label=\"Lot\" data-required data-options=\"context:round.lots\" aria-describedby=\"f-input-lot-hint\" aria-required=\"true\"><option value=\"\">Choose lot</option></select></div><div class=\"govuk-form-group\" data-group=\"input.establishments\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-establishments-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Establishments that would provide this lot</legend><div class=\"govuk-hint\" id=\"f-input-establishments-hint\">Each must have places of the lot&#x27;s kind, day or residential. Select all that apply.</div><div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\" data-id=\"f-input-establishments\" data-path=\"input.establishments\" data-kind=\"ID\" data-label=\"Establishments that would provide this lot\" data-required data-options=\"context:provider.establishments\" data-list></div></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.pricing\" data-group-path=\"input.pricing\" data-label=\"Your prices\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-pricing-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Your prices</h2></legend><div class=\"govuk-hint\" id=\"f-input-pricing-hint\">A weekly fee for every level of need, for each part of the cost you charge. Education is always priced. Residential care is priced for residential lots only.</div><div data-rows=\"input.pricing\" data-initial=\"1\"></div><template data-template=\"input.pricing\"><div class=\"app-row\" data-row data-row-path=\"input.pricing[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Price line <span data-row-number>__n__</span></legend><div class=\"govuk-form-group\" data-group=\"input.pricing[__i__].band\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-pricing-__i__-band\">Level of need</label><select class=\"govuk-select\" id=\"f-input-pricing-__i__-band\" name=\"input.pricing[__i__].band\" data-path=\"input.pricing[__i__].band\" data-kind=\"enum\" data-label=\"Level of need\" data-required aria-required=\"true\"><option value=\"\">Choose level of need</option><option value=\"STANDARD\">Standard level of need</option><option value=\"ENHANCED\">Enhanced level of need</option><option value=\"COMPLEX\">Complex level of need</option></select></div><div class=\"govuk-form-group\" data-group=\"input.pricing[__i__].element\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-pricing-__i__-element\">Cost</label><select class=\"govuk-select\" id=\"f-input-pricing-__i__-element\" name=\"input.pricing[__i__].element\" data-path=\"input.pricing[__i__].element\" data-kind=\"enum\" data-label=\"Cost\" data-required aria-required=\"true\"><option value=\"\">Choose cost</option><option value=\"EDUCATION\">Education</option><option value=\"CARE\">Residential care</option><option value=\"HEALTH\">Health</option><option value=\"THERAPIES\">Therapies</option><option value=\"ADDITIONAL_STAFFING\">Additional staffing</option></select></div><div class=\"govuk-form-group\" data-group=\"input.pricing[__i__].weeklyFee\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-pricing-__i__-weeklyFee\">Weekly fee</label><div class=\"govuk-hint\" id=\"f-input-pricing-__i__-weeklyFee-hint\">In pounds and pence, for example 1250.50.</div><div class=\"govuk-input__wrapper\"><div class=\"govuk-input__prefix\" aria-hidden=\"true\">£</div><input class=\"govuk-input govuk-input--width-10\" type=\"text\" id=\"f-input-pricing-__i__-weeklyFee\" name=\"input.pricing[__i__].weeklyFee\" data-path=\"input.pricing[__i__].weeklyFee\" data-kind=\"Pence\" data-label=\"Weekly fee\" data-required aria-describedby=\"f-input-pricing-__i__-weeklyFee-hint\" aria-required=\"true\" inputmode=\"decimal\" spellcheck=\"false\"></div></div><button type=\"button\" class=\"govuk-button govuk-button--secondary app-row__remove\" data-remove-row>Remove<span class=\"govuk-visually-hidden\"> price line <span data-row-number>__n__</span></span></button></fieldset></div></template><button type=\"button\" class=\"govuk-button govuk-button--secondary\" data-add-row=\"input.pricing\">Add another price line</button></fieldset></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Set bid lot</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
