// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Provider",
 "title": "Provider",
 "description": "An organisation that runs independent or non-maintained special schools and colleges.",
 "document": "query ProviderPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Provider {\n      __typename\n      id\n      legalName\n      status\n      verifiedAt\n      version\n      statusReason\n      verified\n      identifiers {\n        scheme\n        identifier\n      }\n      establishments {\n        __typename\n        id\n        name\n        type\n        ofstedDate\n        provider {\n          __typename\n          id\n          legalName\n        }\n      }\n      memberships {\n        __typename\n        id\n        provider {\n          __typename\n          id\n          legalName\n        }\n        since\n        until\n        suspendedAt\n        status\n        lot {\n          __typename\n          id\n          code\n          title\n        }\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "legalName",
   "label": "Legal name",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "ProviderStatus"
  },
  {
   "name": "verifiedAt",
   "label": "Verified at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "statusReason",
   "label": "Status reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "verified",
   "label": "Verified",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "identifiers",
   "label": "Identifiers",
   "list": true,
   "kind": "object",
   "type": "OrganisationIdentifier",
   "fields": [
    {
     "name": "scheme",
     "label": "Scheme",
     "list": false,
     "kind": "enum",
     "type": "IdentifierScheme"
    },
    {
     "name": "identifier",
     "label": "Identifier",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ]
  },
  {
   "name": "establishments",
   "label": "Establishments",
   "list": true,
   "kind": "object",
   "type": "Establishment",
   "link": true,
   "fields": [
    {
     "name": "type",
     "label": "Type",
     "list": false,
     "kind": "enum",
     "type": "EstablishmentType"
    },
    {
     "name": "ofstedDate",
     "label": "Ofsted date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "provider",
     "label": "Provider",
     "list": false,
     "kind": "ref",
     "type": "Provider"
    }
   ]
  },
  {
   "name": "memberships",
   "label": "Memberships",
   "list": true,
   "kind": "object",
   "type": "LotMembership",
   "link": true,
   "fields": [
    {
     "name": "since",
     "label": "Since",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "until",
     "label": "Until",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "suspendedAt",
     "label": "Suspended at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "MembershipStatus"
    },
    {
     "name": "lot",
     "label": "Lot",
     "list": false,
     "kind": "ref",
     "type": "Lot"
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Start attaching a document: checks your right to attach it and what you declare, records a pending document and returns a signed upload limited to exactly this file's type and size."
  }
 ],
 "related": [
  {
   "title": "Bids",
   "query": "bids",
   "type": "Bid",
   "document": "query BidsOfProvider($id: ID!) {\n  list: bids(first: 20, filter: {provider: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      round {\n        __typename\n        id\n        number\n      }\n      submittedAt\n      withdrawnAt\n      status\n      provider {\n        __typename\n        id\n        legalName\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "submittedAt",
     "label": "Submitted at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "withdrawnAt",
     "label": "Withdrawn at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "BidStatus"
    },
    {
     "name": "provider",
     "label": "Provider",
     "list": false,
     "kind": "ref",
     "type": "Provider"
    }
   ]
  },
  {
   "title": "Offers",
   "query": "offers",
   "type": "Offer",
   "document": "query OffersOfProvider($id: ID!) {\n  list: offers(first: 20, filter: {provider: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      startDate\n      submittedAt\n      withdrawnAt\n      status\n      referral {\n        __typename\n        id\n        authority {\n          __typename\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "submittedAt",
     "label": "Submitted at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "withdrawnAt",
     "label": "Withdrawn at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "OfferStatus"
    },
    {
     "name": "referral",
     "label": "Referral",
     "list": false,
     "kind": "ref",
     "type": "Referral"
    }
   ]
  },
  {
   "title": "Call offs",
   "query": "callOffs",
   "type": "CallOff",
   "document": "query CallOffsOfProvider($id: ID!) {\n  list: callOffs(first: 20, filter: {provider: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      type\n      startDate\n      endDate\n      awardedAt\n      status\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "type",
     "label": "Type",
     "list": false,
     "kind": "enum",
     "type": "CallOffType"
    },
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "endDate",
     "label": "End date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "awardedAt",
     "label": "Awarded at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "CallOffStatus"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfProvider($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "documentType",
     "label": "Document type",
     "list": false,
     "kind": "enum",
     "type": "DocumentType"
    },
    {
     "name": "uploadExpiresAt",
     "label": "Upload expires at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "uploadedAt",
     "label": "Uploaded at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "rejectedAt",
     "label": "Rejected at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "DocumentStatus"
    }
   ]
  }
 ]
};
