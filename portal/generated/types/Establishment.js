// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Establishment",
 "title": "Establishment",
 "description": "A school or college.",
 "document": "query EstablishmentPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Establishment {\n      __typename\n      id\n      name\n      urn\n      type\n      provider {\n        __typename\n        id\n        legalName\n      }\n      postcode\n      ageMin\n      ageMax\n      genders\n      needs\n      dayCapacity\n      dayVacancies\n      residentialCapacity\n      residentialVacancies\n      ofstedGrade\n      ofstedDate\n      changes {\n        __typename\n        id\n        at\n        actor\n      }\n      hostAuthority\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "urn",
   "label": "URN",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
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
   "name": "postcode",
   "label": "Postcode",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "ageMin",
   "label": "Youngest age admitted",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "ageMax",
   "label": "Oldest age admitted",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "genders",
   "label": "Admits",
   "list": false,
   "kind": "enum",
   "type": "GendersAdmitted"
  },
  {
   "name": "needs",
   "label": "Needs catered for",
   "list": true,
   "kind": "enum",
   "type": "NeedCode"
  },
  {
   "name": "dayCapacity",
   "label": "Day places",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "dayVacancies",
   "label": "Day places free",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "residentialCapacity",
   "label": "Residential places",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "residentialVacancies",
   "label": "Residential places free",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "ofstedGrade",
   "label": "Ofsted grade",
   "list": false,
   "kind": "enum",
   "type": "OfstedGrade"
  },
  {
   "name": "ofstedDate",
   "label": "Ofsted inspection date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "changes",
   "label": "Changes to its details",
   "list": true,
   "kind": "object",
   "type": "AuditEvent",
   "link": true,
   "fields": [
    {
     "name": "at",
     "label": "Changed",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "actor",
     "label": "Changed by",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ],
   "hint": "Every change to this establishment's details, newest first."
  },
  {
   "name": "hostAuthority",
   "label": "Host authority",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [
  {
   "operation": "requestFeeUplift",
   "title": "Request fee uplift",
   "description": "Ask the councils with placements here to raise your fees on a lot from a date."
  },
  {
   "operation": "updateEstablishment",
   "title": "Update establishment",
   "description": "Keep your places, vacancies, ages, needs and latest Ofsted grade up to date."
  }
 ],
 "related": [
  {
   "title": "Fee uplift requests",
   "query": "upliftRequests",
   "type": "UpliftRequest",
   "document": "query UpliftRequestsOfEstablishment($id: ID!) {\n  list: upliftRequests(first: 20, filter: {establishment: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      establishment {\n        __typename\n        id\n        name\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n      effectiveFrom\n      submittedAt\n    }\n  }\n}\n",
   "columns": [
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
   "title": "Placements",
   "query": "callOffs",
   "type": "CallOff",
   "document": "query CallOffsOfEstablishment($id: ID!) {\n  list: callOffs(first: 20, filter: {establishment: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      status\n      type\n      authority {\n        __typename\n        id\n        name\n      }\n      referral {\n        __typename\n        id\n        child {\n          reference\n        }\n      }\n      startDate\n    }\n  }\n}\n",
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
     "name": "authority",
     "label": "Council",
     "list": false,
     "kind": "ref",
     "type": "Authority"
    },
    {
     "name": "referral",
     "label": "Referral",
     "list": false,
     "kind": "ref",
     "type": "Referral"
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
   "document": "query DocumentsOfEstablishment($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
