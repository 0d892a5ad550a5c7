// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "answerQuestions",
 "title": "Answer questions",
 "description": "Save answers to the round's questions on a draft bid, one per question.",
 "inputType": "AnswerQuestionsInput",
 "context": {
  "field": "bid",
  "types": [
   "Bid"
  ]
 },
 "confirm": false,
 "document": "mutation AnswerQuestions($input: AnswerQuestionsInput!) {\n  result: answerQuestions(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on AnswerQuestionsPayload {\n      bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query AnswerQuestionsContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Bid {\n        __typename\n        id\n        round {\n          number\n          questions {\n            __typename\n            id\n            text\n          }\n        }\n        version\n      }\n  }\n}\n",
 "sources": {
  "context:round.questions": {
   "origin": "context",
   "path": [
    "round",
    "questions"
   ],
   "type": "RoundQuestion"
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"answerQuestions\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.bid\" data-path=\"input.bid\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.answers\" data-group-path=\"input.answers\" data-label=\"Your answers\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-answers-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Your answers</h2></legend><div class=\"govuk-hint\" id=\"f-input-answers-hint\">Answer as many questions as you like now. You can change your answers until you submit your application.</div><div data-each=\"context:round.questions\" data-list-path=\"input.answers\"></div><template data-template=\"input.answers\"><div class=\"app-row\" data-row data-row-path=\"input.answers[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\" data-option-label></legend><input type=\"hidden\" name=\"input.answers[__i__].question\" data-path=\"input.answers[__i__].question\" data-kind=\"ID\" data-option-value data-fixed><div class=\"govuk-form-group\" data-group=\"input.answers[__i__].answer\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-answers-__i__-answer\">Your answer</label><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-answers-__i__-answer\" name=\"input.answers[__i__].answer\" data-path=\"input.answers[__i__].answer\" data-kind=\"String\" data-label=\"Your answer\" data-required aria-required=\"true\"></textarea></div></fieldset></div></template></fieldset></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Answer questions</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
