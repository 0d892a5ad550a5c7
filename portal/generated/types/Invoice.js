// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Invoice",
 "title": "Invoice",
 "description": "A provider's invoice for one placement and a stretch of days. Payment is due 30 days after it is received (one received on a weekend, a bank holiday or after 17:00 counts from the next working day).",
 "document": "query InvoicePage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Invoice {\n      __typename\n      id\n      reference\n      status\n      callOff {\n        __typename\n        id\n        reference\n      }\n      provider {\n        __typename\n        id\n        legalName\n      }\n      authority {\n        __typename\n        id\n        name\n      }\n      periodStart\n      periodEnd\n      total\n      expected\n      difference\n      receivedAt\n      dueOn\n      overdue\n      approvedAt\n      approvedBy\n      disputedAt\n      paidOn\n      paidLate\n      paymentReference\n      lines {\n        __typename\n        id\n        element\n        quantity\n        unit\n        rate\n        amount\n        expected\n        difference\n        disputeReason\n      }\n      shares {\n        funder {\n          stream\n          authority {\n            __typename\n            id\n            name\n          }\n          integratedCareBoard {\n            __typename\n            id\n            name\n          }\n        }\n        amount\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "InvoiceStatus"
  },
  {
   "name": "callOff",
   "label": "Placement",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "authority",
   "label": "Council paying",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "periodStart",
   "label": "First day billed",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "periodEnd",
   "label": "Last day billed",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "total",
   "label": "Total billed",
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
   "name": "receivedAt",
   "label": "Received",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "dueOn",
   "label": "Payment due by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "overdue",
   "label": "Payment overdue",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "approvedAt",
   "label": "Approved",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "approvedBy",
   "label": "Approved by",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "disputedAt",
   "label": "Disputed",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "paidOn",
   "label": "Paid on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "paidLate",
   "label": "Paid after the day it was due",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "paymentReference",
   "label": "Payment reference",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "lines",
   "label": "Lines",
   "list": true,
   "kind": "object",
   "type": "InvoiceLine",
   "link": true,
   "fields": [
    {
     "name": "element",
     "label": "Cost element",
     "list": false,
     "kind": "enum",
     "type": "CostElement"
    },
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
   "hint": "Each line as billed, beside what the placement's agreement says is due for the same days, and the difference."
  },
  {
   "name": "shares",
   "label": "Who pays",
   "list": true,
   "kind": "object",
   "type": "InvoiceShare",
   "fields": [
    {
     "name": "funder",
     "label": "Paid by",
     "list": false,
     "kind": "object",
     "type": "Funder",
     "fields": [
      {
       "name": "stream",
       "label": "Budget",
       "list": false,
       "kind": "enum",
       "type": "FundingStream"
      },
      {
       "name": "authority",
       "label": "Council",
       "list": false,
       "kind": "ref",
       "type": "Authority"
      },
      {
       "name": "integratedCareBoard",
       "label": "Integrated care board",
       "list": false,
       "kind": "ref",
       "type": "IntegratedCareBoard"
      }
     ]
    },
    {
     "name": "amount",
     "label": "Amount",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    }
   ],
   "hint": "What each funder of the placement pays of this invoice."
  }
 ],
 "actions": [
  {
   "operation": "approveInvoice",
   "title": "Approve invoice",
   "description": "Check each line against what the agreement says is due before you approve it."
  },
  {
   "operation": "disputeInvoice",
   "title": "Dispute invoice",
   "description": "Give a reason for each line you do not agree with; the provider sends a corrected invoice."
  },
  {
   "operation": "recordInvoicePayment",
   "title": "Record invoice payment",
   "description": "Once you have paid it, record the day and your payment reference."
  },
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfInvoice($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
