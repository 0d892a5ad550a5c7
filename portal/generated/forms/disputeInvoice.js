// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "disputeInvoice",
 "title": "Dispute invoice",
 "description": "Dispute a SUBMITTED invoice to your authority, with the reason for each line disputed.",
 "inputType": "DisputeInvoiceInput",
 "context": {
  "field": "invoice",
  "types": [
   "Invoice"
  ]
 },
 "confirm": false,
 "document": "mutation DisputeInvoice($input: DisputeInvoiceInput!) {\n  result: disputeInvoice(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on InvoicePayload {\n      invoice {\n        __typename\n        id\n        reference\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query DisputeInvoiceContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Invoice {\n        __typename\n        id\n        reference\n        version\n        lines {\n          __typename\n          id\n          element\n        }\n      }\n  }\n}\n",
 "sources": {
  "context:lines": {
   "origin": "context",
   "path": [
    "lines"
   ],
   "type": "InvoiceLine"
  }
 },
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"disputeInvoice\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.invoice\" data-path=\"input.invoice\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.lines\" data-group-path=\"input.lines\" data-label=\"Lines you dispute\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"f-input-lines-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\"><h2 class=\"govuk-fieldset__heading\">Lines you dispute</h2></legend><div class=\"govuk-hint\" id=\"f-input-lines-hint\">Give a reason beside each line you dispute. Leave the reason blank for a line you agree with.</div><div data-each=\"context:lines\" data-list-path=\"input.lines\"></div><template data-template=\"input.lines\"><div class=\"app-row\" data-row data-row-path=\"input.lines[__i__]\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\" data-option-label></legend><input type=\"hidden\" name=\"input.lines[__i__].line\" data-path=\"input.lines[__i__].line\" data-kind=\"ID\" data-option-value data-fixed><div class=\"govuk-form-group\" data-group=\"input.lines[__i__].reason\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-lines-__i__-reason\">Reason</label><textarea class=\"govuk-textarea\" rows=\"5\" id=\"f-input-lines-__i__-reason\" name=\"input.lines[__i__].reason\" data-path=\"input.lines[__i__].reason\" data-kind=\"String\" data-label=\"Reason\" data-required aria-required=\"true\"></textarea></div></fieldset></div></template></fieldset></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Dispute invoice</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
