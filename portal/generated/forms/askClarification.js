// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "askClarification",
 "title": "Ask clarification",
 "description": "Ask a clarification question about an open round, before its clarification deadline.",
 "inputType": "AskClarificationInput",
 "context": {
  "field": "round",
  "types": [
   "ApplicationRound"
  ]
 },
 "confirm": false,
 "document": "mutation AskClarification($input: AskClarificationInput!) {\n  result: askClarification(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on AskClarificationPayload {\n      clarification {\n        __typename\n        id\n        question\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n  }\n}\n",
 "contextDocument": "query AskClarificationContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on ApplicationRound {\n        __typename\n        id\n        number\n        version\n      }\n  }\n}\n",
 "sources": {},
 "next": "clarification",
 "payload": [
  {
   "name": "clarification",
   "label": "Clarification",
   "kind": "ref",
   "type": "RoundClarification",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"askClarification\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.round\" data-path=\"input.round\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.question\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-question\">Your question</label><div class=\"govuk-hint\" id=\"f-input-question-hint\">We publish the answer to every applicant. We do not say who asked.</div><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-question\" name=\"input.question\" data-path=\"input.question\" data-kind=\"String\" data-label=\"Your question\" data-required aria-describedby=\"f-input-question-hint\" aria-required=\"true\"></textarea></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Ask clarification</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
