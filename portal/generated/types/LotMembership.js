// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "LotMembership",
 "title": "Lot membership",
 "description": "A provider admitted to a lot, with the establishments it serves the lot through.",
 "document": "query LotMembershipPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on LotMembership {\n      __typename\n      id\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        ageMin\n        ageMax\n        weeksPerYear\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n        phaseEndAges\n      }\n      status\n      provider {\n        __typename\n        id\n        legalName\n      }\n      since\n      until\n      suspendedAt\n      suspensionReason\n      establishments {\n        __typename\n        id\n        name\n        type\n        provider {\n          __typename\n          id\n          legalName\n        }\n        closingOn\n      }\n      rateCard {\n        band\n        element\n        weeklyFee\n      }\n      version\n    }\n  }\n}\n",
 "view": [
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
     "label": "Lot",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "title",
     "label": "Name",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "placementType",
     "label": "Day or residential",
     "list": false,
     "kind": "enum",
     "type": "PlacementType"
    },
    {
     "name": "ageMin",
     "label": "Youngest age",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMax",
     "label": "Oldest age",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "weeksPerYear",
     "label": "Weeks a year",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "system",
     "label": "Purchasing system",
     "list": false,
     "kind": "ref",
     "type": "PurchasingSystem"
    },
    {
     "name": "phaseEndAges",
     "label": "Phase end ages",
     "list": true,
     "kind": "scalar",
     "type": "Int"
    }
   ]
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
  },
  {
   "name": "suspensionReason",
   "label": "Why it is suspended",
   "list": false,
   "kind": "scalar",
   "type": "String"
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
     "label": "Type of establishment",
     "list": false,
     "kind": "enum",
     "type": "EstablishmentType"
    },
    {
     "name": "provider",
     "label": "Run by",
     "list": false,
     "kind": "ref",
     "type": "Provider"
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
   "name": "rateCard",
   "label": "Rate card",
   "list": true,
   "kind": "object",
   "type": "PriceLine",
   "fields": [
    {
     "name": "band",
     "label": "Level of need",
     "list": false,
     "kind": "enum",
     "type": "PricingBand"
    },
    {
     "name": "element",
     "label": "Cost",
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
   ],
   "hint": "Weekly fees for each level of need. Only the provider and the councils can see them.",
   "format": "grid"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfLotMembership($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
