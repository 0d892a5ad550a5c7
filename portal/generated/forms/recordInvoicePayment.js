// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "recordInvoicePayment",
 "title": "Record invoice payment",
 "description": "Record that an APPROVED invoice to your authority was paid: the day, and the payment's reference.",
 "inputType": "RecordInvoicePaymentInput",
 "context": {
  "field": "invoice",
  "types": [
   "Invoice"
  ]
 },
 "confirm": false,
 "document": "mutation RecordInvoicePayment($input: RecordInvoicePaymentInput!) {\n  result: recordInvoicePayment(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on InvoicePayload {\n      invoice {\n        __typename\n        id\n        reference\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on StaleVersion {\n      currentVersion\n    }\n  }\n}\n",
 "contextDocument": "query RecordInvoicePaymentContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Invoice {\n        __typename\n        id\n        reference\n        version\n      }\n  }\n}\n",
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"recordInvoicePayment\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.invoice\" data-path=\"input.invoice\" data-kind=\"ID\" data-context=\"id\" data-fixed><input type=\"hidden\" name=\"input.version\" data-path=\"input.version\" data-kind=\"Int\" data-context=\"version\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.paidOn\"><fieldset class=\"govuk-fieldset\" role=\"group\" aria-describedby=\"f-input-paidOn-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Date it was paid</legend><div class=\"govuk-hint\" id=\"f-input-paidOn-hint\">Not before the invoice was received and not after today. For example, 27 3 2026.</div><div class=\"govuk-date-input\" id=\"f-input-paidOn\" data-path=\"input.paidOn\" data-kind=\"Date\" data-label=\"Date it was paid\" data-required><div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"f-input-paidOn-day\">Day</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-2\" id=\"f-input-paidOn-day\" name=\"input.paidOn-day\" type=\"text\" inputmode=\"numeric\" data-part=\"day\"></div></div><div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"f-input-paidOn-month\">Month</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-2\" id=\"f-input-paidOn-month\" name=\"input.paidOn-month\" type=\"text\" inputmode=\"numeric\" data-part=\"month\"></div></div><div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"f-input-paidOn-year\">Year</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-4\" id=\"f-input-paidOn-year\" name=\"input.paidOn-year\" type=\"text\" inputmode=\"numeric\" data-part=\"year\"></div></div></div></fieldset></div><div class=\"govuk-form-group\" data-group=\"input.paymentReference\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-paymentReference\">Payment reference</label><div class=\"govuk-hint\" id=\"f-input-paymentReference-hint\">The payment&#x27;s reference in your finance system.</div><input class=\"govuk-input\" type=\"text\" id=\"f-input-paymentReference\" name=\"input.paymentReference\" data-path=\"input.paymentReference\" data-kind=\"String\" data-label=\"Payment reference\" data-required aria-describedby=\"f-input-paymentReference-hint\" aria-required=\"true\"></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Record invoice payment</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
