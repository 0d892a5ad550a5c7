// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "InvoiceLine",
 "title": "Invoice line",
 "description": "One line of an invoice, beside what the agreement says is due for its cost element.",
 "document": "query InvoiceLinePage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on InvoiceLine {\n      __typename\n      id\n      element\n      quantity\n      unit\n      rate\n      amount\n      expected\n      difference\n      disputeReason\n    }\n  }\n}\n",
 "view": [
  {
   "name": "quantity",
   "label": "Quantity",
   "list": false,
   "kind": "scalar",
   "type": "Decimal"
  },
  {
   "name": "unit",
   "label": "Counted in",
   "list": false,
   "kind": "enum",
   "type": "InvoiceUnit"
  },
  {
   "name": "rate",
   "label": "Rate",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "amount",
   "label": "Billed",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "expected",
   "label": "Due under the agreement",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "difference",
   "label": "Difference",
   "list": false,
   "kind": "scalar",
   "type": "PenceDifference",
   "format": "difference"
  },
  {
   "name": "disputeReason",
   "label": "Why the council disputes it",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfInvoiceLine($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "documentType",
     "label": "Type of document",
     "list": false,
     "kind": "enum",
     "type": "DocumentType"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "DocumentStatus"
    },
    {
     "name": "uploadedAt",
     "label": "Uploaded",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "owner",
     "label": "Attached to",
     "list": false,
     "kind": "ref",
     "type": "Node"
    },
    {
     "name": "previousVersion",
     "label": "Replaces",
     "list": false,
     "kind": "ref",
     "type": "Document"
    }
   ]
  }
 ]
};
