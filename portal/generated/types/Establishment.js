// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Establishment",
 "title": "Establishment",
 "description": "A school or college.",
 "document": "query EstablishmentPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Establishment {\n      __typename\n      id\n      name\n      urn\n      type\n      provider {\n        __typename\n        id\n        legalName\n      }\n      postcode\n      ageMin\n      ageMax\n      genders\n      needs\n      dayCapacity\n      dayVacancies\n      residentialCapacity\n      residentialVacancies\n      concern {\n        since\n        reason\n      }\n      inspections {\n        __typename\n        id\n        inspectedOn\n        inspectorate\n        framework\n        publishedOn\n        reportUrl\n        overallGrade\n        safeguardingMet\n        standardsMet\n        judgements {\n          area\n          grade\n        }\n        concern\n      }\n      changes {\n        __typename\n        id\n        at\n        actor\n      }\n      hostAuthority\n      version\n      closingOn\n      closingReason\n    }\n  }\n}\n",
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
   "name": "concern",
   "label": "Concern after an inspection",
   "list": false,
   "kind": "object",
   "type": "EstablishmentConcern",
   "fields": [
    {
     "name": "since",
     "label": "Since",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "reason",
     "label": "Reason",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ],
   "hint": "Set when an inspection gave cause for concern. Councils are alerted and it is left out of matching."
  },
  {
   "name": "inspections",
   "label": "Inspections",
   "list": true,
   "kind": "object",
   "type": "Inspection",
   "link": true,
   "fields": [
    {
     "name": "inspectorate",
     "label": "Inspected by",
     "list": false,
     "kind": "enum",
     "type": "Inspectorate"
    },
    {
     "name": "framework",
     "label": "Type of inspection",
     "list": false,
     "kind": "enum",
     "type": "InspectionFramework"
    },
    {
     "name": "inspectedOn",
     "label": "Inspected on",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "publishedOn",
     "label": "Report published",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "reportUrl",
     "label": "Report",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "overallGrade",
     "label": "Overall grade",
     "list": false,
     "kind": "enum",
     "type": "OfstedGrade"
    },
    {
     "name": "safeguardingMet",
     "label": "Safeguarding met",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "standardsMet",
     "label": "Standards met",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "judgements",
     "label": "Grades by area",
     "list": true,
     "kind": "object",
     "type": "InspectionJudgement",
     "fields": [
      {
       "name": "area",
       "label": "Area",
       "list": false,
       "kind": "enum",
       "type": "ReportCardArea"
      },
      {
       "name": "grade",
       "label": "Grade",
       "list": false,
       "kind": "enum",
       "type": "ReportCardGrade"
      }
     ]
    },
    {
     "name": "concern",
     "label": "Cause for concern",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ],
   "hint": "Newest first, as the lead council records them."
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
  },
  {
   "name": "closingOn",
   "label": "Closing on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "closingReason",
   "label": "Closing reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [
  {
   "operation": "markEstablishmentClosing",
   "title": "Mark establishment closing",
   "description": "Tell the councils when this establishment closes. Each council with a child here is told, so it can find another place in time."
  },
  {
   "operation": "requestFeeUplift",
   "title": "Request fee uplift",
   "description": "Ask the councils with placements here to raise your fees on a lot from a date."
  },
  {
   "operation": "updateEstablishment",
   "title": "Update establishment",
   "description": "Keep your places, vacancies, ages and needs up to date. The lead council records your inspections."
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
