// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "LotMembership",
 "title": "Lot membership",
 "description": "A provider admitted to a lot, with the establishments it serves the lot through.",
 "document": "query LotMembershipPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on LotMembership {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      since\n      until\n      suspendedAt\n      suspensionReason\n      version\n      status\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        weeksPerYear\n        ageMin\n        ageMax\n        position\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n      }\n      establishments {\n        __typename\n        id\n        name\n        type\n        ofstedDate\n        provider {\n          __typename\n          id\n          legalName\n        }\n      }\n      rateCard {\n        band\n        element\n        weeklyFee\n      }\n    }\n  }\n}\n",
 "view": [
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
   "name": "suspensionReason",
   "label": "Suspension reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "MembershipStatus"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "lot",
   "label": "Lot",
   "list": false,
   "kind": "object",
   "type": "Lot",
   "link": true,
   "fields": [
    {
     "name": "code",
     "label": "Code",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "title",
     "label": "Title",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "placementType",
     "label": "Placement type",
     "list": false,
     "kind": "enum",
     "type": "PlacementType"
    },
    {
     "name": "weeksPerYear",
     "label": "Weeks per year",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMin",
     "label": "Age min",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMax",
     "label": "Age max",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "position",
     "label": "Position",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "system",
     "label": "System",
     "list": false,
     "kind": "ref",
     "type": "PurchasingSystem"
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
   "name": "rateCard",
   "label": "Rate card",
   "list": true,
   "kind": "object",
   "type": "PriceLine",
   "fields": [
    {
     "name": "band",
     "label": "Band",
     "list": false,
     "kind": "enum",
     "type": "PricingBand"
    },
    {
     "name": "element",
     "label": "Element",
     "list": false,
     "kind": "enum",
     "type": "CostElement"
    },
    {
     "name": "weeklyFee",
     "label": "Weekly fee",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    }
   ]
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfLotMembership($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
