// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Provider",
 "title": "Provider",
 "description": "An organisation that runs independent or non-maintained special schools and colleges.",
 "document": "query ProviderPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Provider {\n      __typename\n      id\n      legalName\n      status\n      statusReason\n      verified\n      verifiedAt\n      identifiers {\n        scheme\n        identifier\n      }\n      establishments {\n        __typename\n        id\n        name\n        type\n        closingOn\n      }\n      memberships {\n        __typename\n        id\n        lot {\n          __typename\n          id\n          code\n          title\n        }\n        status\n        since\n        until\n        suspendedAt\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "ProviderStatus"
  },
  {
   "name": "statusReason",
   "label": "Reason for status",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "verified",
   "label": "Registration checked",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "verifiedAt",
   "label": "Registration checked on",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "identifiers",
   "label": "Registered numbers",
   "list": true,
   "kind": "object",
   "type": "OrganisationIdentifier",
   "fields": [
    {
     "name": "scheme",
     "label": "Type",
     "list": false,
     "kind": "enum",
     "type": "IdentifierScheme"
    },
    {
     "name": "identifier",
     "label": "Number",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ]
  },
  {
   "name": "establishments",
   "label": "Schools and colleges",
   "list": true,
   "kind": "object",
   "type": "Establishment",
   "link": true,
   "fields": [
    {
     "name": "type",
     "label": "Type of establishment",
     "list": false,
     "kind": "enum",
     "type": "EstablishmentType"
    },
    {
     "name": "closingOn",
     "label": "Closing on",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    }
   ]
  },
  {
   "name": "memberships",
   "label": "Lot memberships",
   "list": true,
   "kind": "object",
   "type": "LotMembership",
   "link": true,
   "fields": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "MembershipStatus"
    },
    {
     "name": "since",
     "label": "Member since",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "until",
     "label": "Membership ends",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "suspendedAt",
     "label": "Suspended",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  }
 ],
 "related": [
  {
   "title": "Fee uplift requests",
   "query": "upliftRequests",
   "type": "UpliftRequest",
   "document": "query UpliftRequestsOfProvider($id: ID!) {\n  list: upliftRequests(first: 20, filter: {provider: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      establishment {\n        __typename\n        id\n        name\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n      effectiveFrom\n      submittedAt\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "lot",
     "label": "Lot",
     "list": false,
     "kind": "ref",
     "type": "Lot"
    },
    {
     "name": "effectiveFrom",
     "label": "Uplift from",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "submittedAt",
     "label": "Asked on",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "title": "Applications",
   "query": "bids",
   "type": "Bid",
   "document": "query BidsOfProvider($id: ID!) {\n  list: bids(first: 20, filter: {provider: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      round {\n        number\n        __typename\n        id\n      }\n      status\n      submittedAt\n      withdrawnAt\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "BidStatus"
    },
    {
     "name": "round",
     "label": "Application round",
     "list": false,
     "kind": "ref",
     "type": "ApplicationRound"
    },
    {
     "name": "submittedAt",
     "label": "Submitted",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "withdrawnAt",
     "label": "Withdrawn",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "title": "Offers",
   "query": "offers",
   "type": "Offer",
   "document": "query OffersOfProvider($id: ID!) {\n  list: offers(first: 20, filter: {provider: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      establishment {\n        name\n        __typename\n        id\n      }\n      status\n      referral {\n        __typename\n        id\n        child {\n          reference\n        }\n      }\n      startDate\n      submittedAt\n    }\n  }\n}\n",
   "columns": [
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
    },
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "submittedAt",
     "label": "Offer made",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "title": "Placements",
   "query": "callOffs",
   "type": "CallOff",
   "document": "query CallOffsOfProvider($id: ID!) {\n  list: callOffs(first: 20, filter: {provider: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      status\n      type\n      establishment {\n        __typename\n        id\n        name\n      }\n      authority {\n        __typename\n        id\n        name\n      }\n      startDate\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "CallOffStatus"
    },
    {
     "name": "type",
     "label": "Type of contract",
     "list": false,
     "kind": "enum",
     "type": "CallOffType"
    },
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "authority",
     "label": "Council",
     "list": false,
     "kind": "ref",
     "type": "Authority"
    },
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfProvider($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
