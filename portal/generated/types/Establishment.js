// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Establishment",
 "title": "Establishment",
 "description": "A school or college, identified by its DfE URN: its public profile.",
 "document": "query EstablishmentPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Establishment {\n      __typename\n      id\n      name\n      urn\n      type\n      ofstedGrade\n      ofstedDate\n      postcode\n      latitude\n      longitude\n      ageMin\n      ageMax\n      genders\n      dayCapacity\n      residentialCapacity\n      dayVacancies\n      residentialVacancies\n      version\n      needs\n      provider {\n        __typename\n        id\n        legalName\n      }\n      changes {\n        __typename\n        id\n        at\n        actor\n        action\n        entityType\n        entityId\n        requestId\n        previousHash\n        hash\n        diff\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "urn",
   "label": "Urn",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "name",
   "label": "Name",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "type",
   "label": "Type",
   "list": false,
   "kind": "enum",
   "type": "EstablishmentType"
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
   "label": "Ofsted date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "postcode",
   "label": "Postcode",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "latitude",
   "label": "Latitude",
   "list": false,
   "kind": "scalar",
   "type": "Float"
  },
  {
   "name": "longitude",
   "label": "Longitude",
   "list": false,
   "kind": "scalar",
   "type": "Float"
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
   "name": "genders",
   "label": "Genders",
   "list": false,
   "kind": "enum",
   "type": "GendersAdmitted"
  },
  {
   "name": "dayCapacity",
   "label": "Day capacity",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "residentialCapacity",
   "label": "Residential capacity",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "dayVacancies",
   "label": "Day vacancies",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "residentialVacancies",
   "label": "Residential vacancies",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "needs",
   "label": "Needs",
   "list": true,
   "kind": "enum",
   "type": "NeedCode"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "changes",
   "label": "Changes",
   "list": true,
   "kind": "object",
   "type": "AuditEvent",
   "link": true,
   "fields": [
    {
     "name": "at",
     "label": "At",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "actor",
     "label": "Actor",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "action",
     "label": "Action",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "entityType",
     "label": "Entity type",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "entityId",
     "label": "Entity id",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "requestId",
     "label": "Request id",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "previousHash",
     "label": "Previous hash",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "hash",
     "label": "Hash",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "diff",
     "label": "Diff",
     "list": false,
     "kind": "scalar",
     "type": "JSON"
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "updateEstablishment",
   "title": "Update establishment",
   "description": "Keep an establishment's places, vacancies, Ofsted inspection, needs and ages current. Each change is recorded with before and after."
  }
 ],
 "related": [
  {
   "title": "Call offs",
   "query": "callOffs",
   "type": "CallOff",
   "document": "query CallOffsOfEstablishment($id: ID!) {\n  list: callOffs(first: 20, filter: {establishment: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      type\n      startDate\n      endDate\n      awardedAt\n      status\n    }\n  }\n}\n",
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
   "document": "query DocumentsOfEstablishment($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
