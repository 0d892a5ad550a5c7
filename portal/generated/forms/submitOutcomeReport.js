// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "submitOutcomeReport",
 "title": "Submit outcome report",
 "description": "Submit your draft report for the placing authority's review, or resubmit a queried one once you have answered the query. It needs a narrative and at least one value.",
 "inputType": "SubmitOutcomeReportInput",
 "context": {
  "field": "report",
  "types": [
   "OutcomeReport"
  ]
 },
 "confirm": true,
 "document": "mutation SubmitOutcomeReport($input: SubmitOutcomeReportInput!) {\n  result: submitOutcomeReport(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on SubmitOutcomeReportPayload {\n      report {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query SubmitOutcomeReportContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on OutcomeReport {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n        version\n      }\n  }\n}\n",
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"submitOutcomeReport\"><input type=\"hidden\" name=\"input.report\" data-path=\"input.report\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
