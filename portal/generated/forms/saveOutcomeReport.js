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
 "document": "mutation SaveOutcomeReport($input: SaveOutcomeReportInput!) {\n  result: saveOutcomeReport(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on SaveOutcomeReportPayload {\n      report {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n        version\n      }\n      created\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query SaveOutcomeReportContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on CallOff {\n        __typename\n        id\n        reference\n        version\n        nextReview {\n          measures {\n            __typename\n            id\n            code\n            name\n          }\n        }\n      }\n  }\n}\n",
 "sources": {
  "context:nextReview.measures": {
   "origin": "context",
   "path": [
    "nextReview",
    "measures"
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
   "label": "New report",
   "kind": "scalar",
   "type": "Boolean",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"saveOutcomeReport\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.callOff\" data-path=\"input.callOff\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.academicYear\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-academicYear\">Academic year</label><div class=\"govuk-hint\" id=\"f-input-academicYear-hint\">The year it starts. For example, 2025 for the 2025 to 2026 academic year.</div><input class=\"govuk-input govuk-input--width-10\" type=\"text\" id=\"f-input-academicYear\" name=\"input.academicYear\" data-path=\"input.academicYear\" data-kind=\"Int\" data-label=\"Academic year\" data-required aria-describedby=\"f-input-academicYear-hint\" aria-required=\"true\" inputmode=\"numeric\" spellcheck=\"false\"></div><div class=\"govuk-form-group\" data-group=\"input.term\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-term-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Term</legend><div class=\"govuk-hint\" id=\"f-input-term-hint\">The term must have started.</div><div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\" data-id=\"f-input-term\" data-path=\"input.term\" data-kind=\"enum\" data-label=\"Term\" data-required><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-term\" name=\"input.term\" type=\"radio\" value=\"AUTUMN\" aria-describedby=\"f-input-term-item-hint\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-term\">Autumn term</label><div id=\"f-input-term-item-hint\" class=\"govuk-hint govuk-radios__hint\">September to December</div></div><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-term-2\" name=\"input.term\" type=\"radio\" value=\"SPRING\" aria-describedby=\"f-input-term-2-item-hint\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-term-2\">Spring term</label><div id=\"f-input-term-2-item-hint\" class=\"govuk-hint govuk-radios__hint\">January to March</div></div><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"f-input-term-3\" name=\"input.term\" type=\"radio\" value=\"SUMMER\" aria-describedby=\"f-input-term-3-item-hint\"><label class=\"govuk-label govuk-radios__label\" for=\"f-input-term-3\">Summer term</label><div id=\"f-input-term-3-item-hint\" class=\"govuk-hint govuk-radios__hint\">April to July</div></div></div></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.narrative\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-narrative\">The child&#x27;s progress (optional)</label><div class=\"govuk-hint\" id=\"f-input-narrative-hint\">How the child has got on this term. Do not use names. You need to write this before you can send the report.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-narrative\" name=\"input.narrative\" data-path=\"input.narrative\" data-kind=\"String\" data-label=\"The child&#x27;s progress\" aria-describedby=\"f-input-narrative-hint\"></textarea></div><div class=\"govuk-form-group\" data-group=\"input.values\" data-group-path=\"input.values\" data-label=\"Outcome measures\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-values-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Outcome measures (optional)</h2></legend><div class=\"govuk-hint\" id=\"f-input-values-hint\">A value for each measure you are reporting this term. Yearly measures are reported in the summer term.</div><div data-each=\"context:nextReview.measures\" data-list-path=\"input.values\"></div><template data-template=\"input.values\"><div class=\"app-row\" data-row data-row-path=\"input.values[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\" data-option-label></legend><input type=\"hidden\" name=\"input.values[__i__].measure\" data-path=\"input.values[__i__].measure\" data-kind=\"ID\" data-option-value data-fixed><div class=\"govuk-form-group\" data-group=\"input.values[__i__].value\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-values-__i__-value\">Value</label><div class=\"govuk-hint\" id=\"f-input-values-__i__-value-hint\">Depending on the measure, a percentage from 0 to 100, a count, a rating from 1 to 5, or 1 for yes and 0 for no.</div><input class=\"govuk-input govuk-input--width-10\" type=\"text\" id=\"f-input-values-__i__-value\" name=\"input.values[__i__].value\" data-path=\"input.values[__i__].value\" data-kind=\"Float\" data-label=\"Value\" data-required aria-describedby=\"f-input-values-__i__-value-hint\" aria-required=\"true\" inputmode=\"decimal\" spellcheck=\"false\"></div></fieldset></div></template></fieldset></div><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save outcome report</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
