// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "agreeFundingContribution",
 "title": "Agree funding contribution",
 "description": "Agree one contribution to a funding split: as its funder (an integrated care board's user, or another authority's commissioner), or as the placing authority's commissioner on the funder's behalf, with the reason. When the last funder agrees, the split is AGREED and the placing authority is told.",
 "inputType": "AgreeFundingContributionInput",
 "context": {
  "field": "contribution",
  "types": [
   "FundingContribution"
  ]
 },
 "confirm": false,
 "document": "mutation AgreeFundingContribution($input: AgreeFundingContributionInput!) {\n  result: agreeFundingContribution(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on FundingSplitPayload {\n      fundingSplit {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query AgreeFundingContributionContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on FundingContribution {\n        __typename\n        id\n        funder {\n          stream\n          integratedCareBoard {\n            name\n          }\n          authority {\n            name\n          }\n        }\n      }\n  }\n}\n",
 "sources": {},
 "next": "fundingSplit",
 "payload": [
  {
   "name": "fundingSplit",
   "label": "Funding",
   "kind": "ref",
   "type": "FundingSplit",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"agreeFundingContribution\"><input type=\"hidden\" name=\"input.contribution\" data-path=\"input.contribution\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-within=\"version\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Agree funding contribution</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
