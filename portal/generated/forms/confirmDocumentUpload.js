// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "confirmDocumentUpload",
 "title": "Confirm document upload",
 "description": "Finish attaching a document: checks the uploaded file's size, SHA-256 and content type. Only then is it AVAILABLE; otherwise the file is deleted and the document REJECTED.",
 "inputType": "ConfirmDocumentUploadInput",
 "context": {
  "field": "id",
  "types": [
   "Document"
  ]
 },
 "confirm": false,
 "document": "mutation ConfirmDocumentUpload($input: ConfirmDocumentUploadInput!) {\n  result: confirmDocumentUpload(input: $input) {\n    __typename\n    ... on MutationError {\n      message\n      code\n      field\n    }\n    ... on ConfirmDocumentUploadPayload {\n      document {\n        __typename\n        id\n        fileName\n        version\n      }\n    }\n    ... on ValidationError {\n      problems {\n        message\n        field\n      }\n    }\n    ... on DeadlinePassed {\n      deadline\n    }\n  }\n}\n",
 "contextDocument": "query ConfirmDocumentUploadContext($id: ID!) {\n  context: node(id: $id) {\n    __typename\n    id\n      ... on Document {\n        __typename\n        id\n        fileName\n        version\n      }\n  }\n}\n",
 "sources": {},
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
 "html": "<form class=\"app-form\" novalidate data-operation=\"confirmDocumentUpload\"><input type=\"hidden\" name=\"input.id\" data-path=\"input.id\" data-kind=\"ID\" data-context=\"id\" data-fixed><div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Confirm document upload</button><a class=\"govuk-link\" href=\"#\" data-cancel>Cancel</a></div></form>"
};
