// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "approveInvoice",
 "title": "Approve invoice",
 "description": "Approve a SUBMITTED invoice to your authority: it is shared out to the placement's funders by the funding split in force on its first day, and the provider is told.",
 "inputType": "ApproveInvoiceInput",
 "context": {
  "field": "invoice",
  "types": [
   "Invoice"
  ]
 },
 "confirm": false,
 "document": "mutation ApproveInvoice($input: ApproveInvoiceInput!) {\n  result: approveInvoice(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on InvoicePayload {\n      invoice {\n        __typename\n        id\n        reference\n        version\n        dueOn\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query ApproveInvoiceContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Invoice {\n        __typename\n        id\n        reference\n        version\n      }\n  }\n}\n",
 "sources": {},
 "next": "invoice",
 "payload": [
  {
   "name": "invoice",
   "label": "Invoice",
   "kind": "ref",
   "type": "Invoice",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"approveInvoice\"><input type=\"hidden\" name=\"input.invoice\" data-path=\"input.invoice\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Approve invoice</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
