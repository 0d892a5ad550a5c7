// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "requestDocumentUpload",
 "title": "Request document upload",
 "description": "Start attaching a document: checks your right to attach it and what you declare, records a pending document and returns a signed upload limited to exactly this file's type and size.",
 "inputType": "RequestDocumentUploadInput",
 "context": {
  "field": "owner",
  "types": [
   "Specification",
   "Bid",
   "BidLot",
   "Offer",
   "CallOff",
   "OutcomeReport",
   "Provider",
   "Invoice",
   "UpliftRequest",
   "AnnualReview"
  ]
 },
 "confirm": false,
 "document": "mutation RequestDocumentUpload($input: RequestDocumentUploadInput!) {\n  result: requestDocumentUpload(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on RequestDocumentUploadPayload {\n      document {\n        __typename\n        id\n        fileName\n        version\n      }\n      upload {\n        url\n        fields {\n          name\n          value\n        }\n        expiresAt\n        maxSize\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n  }\n}\n",
 "contextDocument": "query RequestDocumentUploadContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Specification {\n        __typename\n        id\n        title\n        version\n      }\n      ... on Bid {\n        __typename\n        id\n        round {\n          number\n        }\n        version\n      }\n      ... on BidLot {\n        __typename\n        id\n        lot {\n          code\n          title\n        }\n      }\n      ... on Offer {\n        __typename\n        id\n        reference\n        establishment {\n          name\n        }\n        version\n      }\n      ... on CallOff {\n        __typename\n        id\n        reference\n        version\n      }\n      ... on OutcomeReport {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n        version\n      }\n      ... on Provider {\n        __typename\n        id\n        legalName\n        version\n      }\n      ... on Invoice {\n        __typename\n        id\n        reference\n        version\n      }\n      ... on UpliftRequest {\n        __typename\n        id\n        establishment {\n          __typename\n          id\n          name\n        }\n        version\n      }\n      ... on AnnualReview {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        version\n      }\n  }\n  documents(first: 100) {\n    nodes {\n      __typename\n      id\n      fileName\n    }\n  }\n}\n",
 "sources": {
  "query:documents": {
   "origin": "query",
   "path": [
    "documents"
   ],
   "type": "Document"
  }
 },
 "next": "document",
 "payload": [
  {
   "name": "document",
   "label": "Document",
   "kind": "ref",
   "type": "Document",
   "list": false
  }
 ],
 "html": "<form class=\"app-form\" novalidate data-operation=\"requestDocumentUpload\"><p class=\"govuk-body\">Every question needs an answer unless it says (optional).</p><input type=\"hidden\" name=\"input.owner\" data-path=\"input.owner\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-form-group\" data-group=\"input.documentType\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-documentType\">Type of document</label><select class=\"govuk-select\" id=\"f-input-documentType\" name=\"input.documentType\" data-path=\"input.documentType\" data-kind=\"enum\" data-label=\"Type of document\" data-required aria-required=\"true\"><option value=\"\">Choose type of document</option><option value=\"SPECIFICATION\">Service specification</option><option value=\"INSURANCE\">Insurance certificate</option><option value=\"SAFEGUARDING_POLICY\">Safeguarding policy</option><option value=\"OFSTED_REPORT\">Ofsted inspection report</option><option value=\"EVALUATION_REPORT\">Evaluation report</option><option value=\"SIGNED_IPA\">Signed individual placement agreement</option><option value=\"OUTCOME_EVIDENCE\">Evidence for an outcome report</option><option value=\"INVOICE\">Invoice (as sent)</option><option value=\"UPLIFT_EVIDENCE\">Evidence for a fee uplift</option><option value=\"REVIEW_REPORT\">Annual review report</option><option value=\"OTHER\">Other</option></select></div><div class=\"govuk-form-group\" data-group=\"input.file\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-file\">File</label><div class=\"govuk-hint\" id=\"f-input-file-hint\">The file&#x27;s media type: PDF, DOCX, XLSX, ODT, PNG or JPEG.</div><input class=\"govuk-file-upload\" id=\"f-input-file\" name=\"file\" type=\"file\" data-path=\"input.file\" data-kind=\"File\" data-label=\"File\" data-required data-aliases=\"input.fileName input.mediaType input.size input.sha256 file\" aria-describedby=\"f-input-file-hint\"></div><div class=\"govuk-form-group\" data-group=\"input.replaces\"><label class=\"govuk-label govuk-label--s\" for=\"f-input-replaces\">Earlier version it replaces (optional)</label><div class=\"govuk-hint\" id=\"f-input-replaces-hint\">Only if this is a new version of a document you uploaded before.</div><select class=\"govuk-select\" id=\"f-input-replaces\" name=\"input.replaces\" data-path=\"input.replaces\" data-kind=\"ID\" data-label=\"Earlier version it replaces\" data-options=\"query:documents\" aria-describedby=\"f-input-replaces-hint\"><option value=\"\">Choose earlier version it replaces</option></select></div><div class=\"govuk-form-group app-upload-progress\" data-upload-progress hidden><label class=\"govuk-label\" for=\"f-upload-progress\">Upload progress</label><progress class=\"app-progress\" id=\"f-upload-progress\" max=\"100\" value=\"0\"></progress><p class=\"govuk-body\" aria-live=\"polite\" data-upload-status></p></div><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Request document upload</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>",
 "upload": {
  "confirm": "confirmDocumentUpload",
  "document": "mutation ConfirmDocumentUpload($input: ConfirmDocumentUploadInput!) {\n  result: confirmDocumentUpload(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on ConfirmDocumentUploadPayload {\n      document {\n        __typename\n        id\n        fileName\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n  }\n}\n"
 }
};
