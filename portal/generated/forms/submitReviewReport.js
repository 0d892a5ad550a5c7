// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "submitReviewReport",
 "title": "Submit review report",
 "description": "Send the school's annual review report for one of your placements: how the child is getting on, progress towards outcomes, attendance. Send it again to change it, until the meeting is held. Attach documents to the review (document type REVIEW_REPORT).",
 "inputType": "SubmitReviewReportInput",
 "context": {
  "field": "review",
  "types": [
   "AnnualReview"
  ]
 },
 "confirm": true,
 "document": "mutation SubmitReviewReport($input: SubmitReviewReportInput!) {\n  result: submitReviewReport(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on AnnualReviewPayload {\n      review {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query SubmitReviewReportContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on AnnualReview {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        version\n        measures {\n          __typename\n          id\n          code\n          name\n        }\n      }\n  }\n}\n",
 "sources": {
  "context:measures": {
   "origin": "context",
   "path": [
    "measures"
   ],
   "type": "OutcomeMeasure"
  }
 },
 "next": "review",
 "payload": [
  {
   "name": "review",
   "label": "Review",
   "kind": "ref",
   "type": "AnnualReview",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"submitReviewReport\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.review\" data-path=\"input.review\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.narrative\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-narrative\">How the child is getting on</label><div class=\"govuk-hint\" id=\"f-input-narrative-hint\">Their progress since the last review, what is working well, any concerns, and what the school recommends. Do not use names.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-narrative\" name=\"input.narrative\" data-path=\"input.narrative\" data-kind=\"String\" data-label=\"How the child is getting on\" data-required aria-describedby=\"f-input-narrative-hint\" aria-required=\"true\"></textarea></div><div class=\"govuk-form-group\" data-group=\"input.outcomes\" data-group-path=\"input.outcomes\" data-label=\"Progress towards outcomes\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-outcomes-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Progress towards outcomes (optional)</h2></legend><div class=\"govuk-hint\" id=\"f-input-outcomes-hint\">For each outcome you have something to say about: what the child can do now, and what helps. Leave the others blank. Do not use names.</div><div data-each=\"context:measures\" data-list-path=\"input.outcomes\"></div><template data-template=\"input.outcomes\"><div class=\"app-row\" data-row data-row-path=\"input.outcomes[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\" data-option-label></legend><input type=\"hidden\" name=\"input.outcomes[__i__].measure\" data-path=\"input.outcomes[__i__].measure\" data-kind=\"ID\" data-option-value data-fixed><div class=\"govuk-form-group\" data-group=\"input.outcomes[__i__].narrative\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-outcomes-__i__-narrative\">Progress (optional)</label><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-outcomes-__i__-narrative\" name=\"input.outcomes[__i__].narrative\" data-path=\"input.outcomes[__i__].narrative\" data-kind=\"String\" data-label=\"Progress\"></textarea></div></fieldset></div></template></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.attendancePercent\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-attendancePercent\">Attendance this school year</label><div class=\"govuk-hint\" id=\"f-input-attendancePercent-hint\">As a percentage, for example 94.</div><div class=\"govuk-input__wrapper\"><input class=\"govuk-input govuk-input--width-10\" type=\"text\" id=\"f-input-attendancePercent\" name=\"input.attendancePercent\" data-path=\"input.attendancePercent\" data-kind=\"Int\" data-label=\"Attendance this school year\" data-required aria-describedby=\"f-input-attendancePercent-hint\" aria-required=\"true\" inputmode=\"numeric\" spellcheck=\"false\"><div class=\"govuk-input__suffix\" aria-hidden=\"true\">%</div></div></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
