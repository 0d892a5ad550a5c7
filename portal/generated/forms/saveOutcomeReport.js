// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "saveOutcomeReport",
 "title": "Save outcome report",
 "description": "Start or change your outcome report for one of your ACTIVE placements and a term, as a draft: the narrative and a value per measure, each checked against its measure's scale. A queried report may be corrected the same way before you resubmit it.",
 "inputType": "SaveOutcomeReportInput",
 "context": {
  "field": "callOff",
  "types": [
   "CallOff"
  ]
 },
 "confirm": false,
 "document": "mutation SaveOutcomeReport($input: SaveOutcomeReportInput!) {\n  result: saveOutcomeReport(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on SaveOutcomeReportPayload {\n      report {\n        __typename\n        id\n        period\n        version\n      }\n      created\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query SaveOutcomeReportContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on CallOff {\n        __typename\n        id\n        reference\n        version\n        lot {\n          system {\n            outcomeMeasures {\n              __typename\n              id\n              code\n              name\n            }\n          }\n        }\n      }\n  }\n}\n",
 "sources": {
  "context:lot.system.outcomeMeasures": {
   "origin": "context",
   "path": [
    "lot",
    "system",
    "outcomeMeasures"
   ],
   "type": "OutcomeMeasure"
  }
 },
 "next": "report",
 "payload": [
  {
   "name": "report",
   "label": "Report",
   "kind": "ref",
   "type": "OutcomeReport",
   "list": false
  },
  {
   "name": "created",
   "label": "Created",
   "kind": "scalar",
   "type": "Boolean",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"saveOutcomeReport\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.callOff\" data-path=\"input.callOff\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.academicYear\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-academicYear\">Academic year</label><div class=\"govuk-hint\" id=\"f-input-academicYear-hint\">The academic year, by the year it starts: 2025 means 2025/26.</div><input class=\"govuk-input govuk-input--width-10\" type=\"text\" id=\"f-input-academicYear\" name=\"input.academicYear\" data-path=\"input.academicYear\" data-kind=\"Int\" data-label=\"Academic year\" data-required aria-describedby=\"f-input-academicYear-hint\" aria-required=\"true\" inputmode=\"numeric\" spellcheck=\"false\"></div><div class=\"govuk-form-group\" data-group=\"input.term\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-term-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Term</legend><div class=\"govuk-hint\" id=\"f-input-term-hint\">The term reported on; it must have started, and the placement before it ended.</div><div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\" data-id=\"f-input-term\" data-path=\"input.term\" data-kind=\"enum\" data-label=\"Term\" data-required><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-term\" name=\"input.term\" type=\"radio\" value=\"AUTUMN\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-term\">Autumn term (September to December)</label></div><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-term-2\" name=\"input.term\" type=\"radio\" value=\"SPRING\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-term-2\">Spring term (January to March)</label></div><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-term-3\" name=\"input.term\" type=\"radio\" value=\"SUMMER\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-term-3\">Summer term (April to July)</label></div></div></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.narrative\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-narrative\">Narrative (optional)</label><div class=\"govuk-hint\" id=\"f-input-narrative-hint\">Your account of the child&#x27;s progress, without names; at most 20,000 characters. Required to submit.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-narrative\" name=\"input.narrative\" data-path=\"input.narrative\" data-kind=\"String\" data-label=\"Narrative\" aria-describedby=\"f-input-narrative-hint\"></textarea></div><div class=\"govuk-form-group\" data-group=\"input.values\" data-group-path=\"input.values\" data-label=\"Values\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-values-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Values (optional)</h2></legend><div class=\"govuk-hint\" id=\"f-input-values-hint\">The values reported, at most one per measure; they replace those saved before. Annual measures are reported in the summer term.</div><div data-each=\"context:lot.system.outcomeMeasures\" data-list-path=\"input.values\"></div><template data-template=\"input.values\"><div class=\"app-row\" data-row data-row-path=\"input.values[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\" data-option-label></legend><input type=\"hidden\" name=\"input.values[__i__].measure\" data-path=\"input.values[__i__].measure\" data-kind=\"ID\" data-option-value data-fixed><div class=\"govuk-form-group\" data-group=\"input.values[__i__].value\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-values-__i__-value\">Value</label><div class=\"govuk-hint\" id=\"f-input-values-__i__-value-hint\">The value on the measure&#x27;s scale: PERCENT 0 to 100 (two decimal places at most), COUNT a whole number from 0, RATING_1_5 a whole number from 1 to 5, YES_NO 1 for yes and 0 for no.</div><input class=\"govuk-input govuk-input--width-10\" type=\"text\" id=\"f-input-values-__i__-value\" name=\"input.values[__i__].value\" data-path=\"input.values[__i__].value\" data-kind=\"Float\" data-label=\"Value\" data-required aria-describedby=\"f-input-values-__i__-value-hint\" aria-required=\"true\" inputmode=\"decimal\" spellcheck=\"false\"></div></fieldset></div></template></fieldset></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save outcome report</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
