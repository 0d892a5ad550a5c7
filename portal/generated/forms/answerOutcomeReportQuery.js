// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "answerOutcomeReportQuery",
 "title": "Answer outcome report query",
 "description": "Answer the placing authority's open query on your report; then correct it if asked and resubmit it.",
 "inputType": "AnswerOutcomeReportQueryInput",
 "context": {
  "field": "report",
  "types": [
   "OutcomeReport"
  ]
 },
 "confirm": false,
 "document": "mutation AnswerOutcomeReportQuery($input: AnswerOutcomeReportQueryInput!) {\n  result: answerOutcomeReportQuery(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on AnswerOutcomeReportQueryPayload {\n      report {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n        version\n      }\n      query {\n        askedAt\n        comment\n        answeredAt\n        answer\n        askedBy\n        answeredBy\n        open\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query AnswerOutcomeReportQueryContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on OutcomeReport {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n        version\n      }\n  }\n}\n",
 "sources": {},
 "next": "report",
 "payload": [
  {
   "name": "report",
   "label": "Report",
   "kind": "ref",
   "type": "OutcomeReport",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"answerOutcomeReportQuery\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.report\" data-path=\"input.report\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.answer\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-answer\">Your answer</label><div class=\"govuk-hint\" id=\"f-input-answer-hint\">If the council asks you to correct the report, change it and then send it again.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-answer\" name=\"input.answer\" data-path=\"input.answer\" data-kind=\"String\" data-label=\"Your answer\" data-required aria-describedby=\"f-input-answer-hint\" aria-required=\"true\"></textarea></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Answer outcome report query</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
