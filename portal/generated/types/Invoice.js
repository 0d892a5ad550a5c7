// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Invoice",
 "title": "Invoice",
 "description": "A provider's invoice for one placement and a stretch of days. Payment is due 30 days after it is received (one received on a weekend, a bank holiday or after 17:00 counts from the next working day).",
 "document": "query InvoicePage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Invoice {\n      __typename\n      id\n      reference\n      periodStart\n      periodEnd\n      receivedAt\n      dueOn\n      total\n      expected\n      approvedAt\n      disputedAt\n      paidOn\n      paymentReference\n      version\n      status\n      difference\n      overdue\n      paidLate\n      approvedBy\n      lines {\n        __typename\n        id\n        element\n        quantity\n        unit\n        rate\n        amount\n        expected\n        disputeReason\n        difference\n      }\n      shares {\n        amount\n        funder {\n          stream\n          authority {\n            __typename\n            id\n            name\n          }\n          integratedCareBoard {\n            __typename\n            id\n            name\n          }\n        }\n      }\n      callOff {\n        __typename\n        id\n        reference\n      }\n      provider {\n        __typename\n        id\n        legalName\n      }\n      authority {\n        __typename\n        id\n        name\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "periodStart",
   "label": "Period start",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "periodEnd",
   "label": "Period end",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "receivedAt",
   "label": "Received at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "dueOn",
   "label": "Due on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "total",
   "label": "Total",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "expected",
   "label": "Expected",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "approvedAt",
   "label": "Approved at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "disputedAt",
   "label": "Disputed at",
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
   "name": "paymentReference",
   "label": "Payment reference",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "InvoiceStatus"
  },
  {
   "name": "difference",
   "label": "Difference",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "overdue",
   "label": "Overdue",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "paidLate",
   "label": "Paid late",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "approvedBy",
   "label": "Approved by",
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
     "label": "Element",
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
     "label": "Unit",
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
     "label": "Amount",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "expected",
     "label": "Expected",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "disputeReason",
     "label": "Dispute reason",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "difference",
     "label": "Difference",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    }
   ],
   "hint": "The lines, in order."
  },
  {
   "name": "shares",
   "label": "Shares",
   "list": true,
   "kind": "object",
   "type": "InvoiceShare",
   "fields": [
    {
     "name": "amount",
     "label": "Amount",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "funder",
     "label": "Funder",
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
    }
   ],
   "hint": "What each funder pays of it, once approved; empty before, and for providers."
  },
  {
   "name": "callOff",
   "label": "Call off",
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
   "label": "Authority",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  }
 ],
 "actions": [],
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
