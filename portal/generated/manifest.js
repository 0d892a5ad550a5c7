// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "journeys": {
  "roles": {
   "PROVIDER_USER": {
    "service": "Provider portal",
    "signIn": "Sign in to the provider portal",
    "attention": "viewer"
   },
   "ICB_COMMISSIONER": {
    "service": "Agree funding for SEND placements",
    "signIn": "Sign in to agree funding for SEND placements",
    "about": "For NHS integrated care boards: see the placements you are asked to help fund, what your share of each one comes to each week, and agree your contribution.",
    "attention": {
     "list": "fundingSplits",
     "filter": {
      "yoursToAgree": true
     },
     "title": "Funding waiting for your agreement",
     "none": "Nothing is waiting for your agreement."
    }
   },
   "AUTHORITY_FINANCE": {
    "service": "Pay for SEND placements",
    "signIn": "Sign in to pay for SEND placements",
    "about": "For a council's finance team: check providers' invoices for SEND placements against what each placement's agreement says is due, approve or dispute them, and record payment.",
    "attention": {
     "list": "invoices",
     "filter": {
      "status": "SUBMITTED"
     },
     "title": "Invoices waiting for your decision",
     "none": "No invoice is waiting for your decision."
    }
   }
  },
  "navigation": [
   {
    "list": "referrals",
    "title": "Referrals",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "offers",
    "title": "Offers",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "callOffs",
    "title": "Placements",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "bids",
    "title": "Applications",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "applicationRounds",
    "title": "Application rounds",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "fundingSplits",
    "title": "Funding",
    "roles": [
     "ICB_COMMISSIONER"
    ]
   },
   {
    "list": "invoices",
    "title": "Invoices",
    "roles": [
     "AUTHORITY_FINANCE"
    ]
   },
   {
    "list": "messages",
    "title": "Messages",
    "roles": [
     "PROVIDER_USER",
     "ICB_COMMISSIONER",
     "AUTHORITY_FINANCE"
    ]
   }
  ],
  "services": [
   {
    "list": "establishments",
    "own": "provider",
    "title": "Your establishments",
    "hint": "Vacancies, places, ages and needs catered for",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "viewer": "provider",
    "title": "Your organisation",
    "hint": "Your details, the lots you have joined and your rate cards",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "callOffs",
    "title": "Your placements",
    "hint": "Fees, amendments, outcome reports and invoices",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "annualReviews",
    "title": "Annual reviews",
    "hint": "EHC plan review meetings, and the reports the council wants from you",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "invoices",
    "title": "Your invoices",
    "hint": "Invoices you have sent for your placements, and whether they are paid",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "upliftRequests",
    "title": "Your fee uplift requests",
    "hint": "Higher fees you have asked for, and what each council decided",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "invoices",
    "filter": {
     "overdue": true
    },
    "title": "Overdue invoices",
    "hint": "Not paid nor disputed, and past the day payment was due",
    "roles": [
     "AUTHORITY_FINANCE"
    ]
   },
   {
    "list": "invoices",
    "title": "All invoices",
    "hint": "Every invoice for your council's placements, paid or not",
    "roles": [
     "AUTHORITY_FINANCE"
    ]
   },
   {
    "list": "documents",
    "title": "Your documents",
    "hint": "Documents you have uploaded",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "operation": "inviteProviderUser",
    "title": "Invite a colleague",
    "hint": "Give someone at your organisation their own account",
    "roles": [
     "PROVIDER_USER"
    ]
   },
   {
    "list": "fundingSplits",
    "title": "All funding you are named in",
    "hint": "Every placement your board is asked to help fund, agreed or not",
    "roles": [
     "ICB_COMMISSIONER"
    ]
   }
  ],
  "attention": "query Attention {\n  viewer {\n    attention {\n      kind\n      summary\n      deadline\n      at\n      overdue\n      daysLeft\n      academicYear\n      term\n      record {\n        __typename\n        id\n        ... on AnnualReview {\n          __typename\n          id\n          callOff {\n            reference\n          }\n        }\n        ... on ApplicationRound {\n          __typename\n          id\n          number\n        }\n        ... on AuditEvent {\n          __typename\n          id\n          at\n        }\n        ... on Authority {\n          __typename\n          id\n          name\n        }\n        ... on Bid {\n          __typename\n          id\n          round {\n            number\n          }\n        }\n        ... on BidLot {\n          __typename\n          id\n          lot {\n            code\n            title\n          }\n        }\n        ... on CallOff {\n          __typename\n          id\n          reference\n        }\n        ... on Document {\n          __typename\n          id\n          fileName\n        }\n        ... on Establishment {\n          __typename\n          id\n          name\n        }\n        ... on Evaluation {\n          __typename\n          id\n        }\n        ... on FeeAmendment {\n          __typename\n          id\n          effectiveFrom\n        }\n        ... on FundingContribution {\n          __typename\n          id\n          funder {\n            stream\n            integratedCareBoard {\n              name\n            }\n            authority {\n              name\n            }\n          }\n        }\n        ... on FundingSplit {\n          __typename\n          id\n          callOff {\n            reference\n          }\n        }\n        ... on Inspection {\n          __typename\n          id\n          inspectedOn\n        }\n        ... on IntegratedCareBoard {\n          __typename\n          id\n          name\n        }\n        ... on Invoice {\n          __typename\n          id\n          reference\n        }\n        ... on InvoiceLine {\n          __typename\n          id\n          element\n        }\n        ... on Lot {\n          __typename\n          id\n          code\n          title\n        }\n        ... on LotMembership {\n          __typename\n          id\n          lot {\n            __typename\n            id\n            code\n            title\n          }\n        }\n        ... on Moderation {\n          __typename\n          id\n        }\n        ... on Offer {\n          __typename\n          id\n          reference\n          establishment {\n            name\n          }\n        }\n        ... on OutcomeMeasure {\n          __typename\n          id\n          code\n          name\n        }\n        ... on OutcomeReport {\n          __typename\n          id\n          callOff {\n            reference\n          }\n          period\n        }\n        ... on ProcurementNotice {\n          __typename\n          id\n          findATenderType\n        }\n        ... on Provider {\n          __typename\n          id\n          legalName\n        }\n        ... on PurchasingSystem {\n          __typename\n          id\n          reference\n          title\n        }\n        ... on Referral {\n          __typename\n          id\n          child {\n            reference\n          }\n        }\n        ... on RoundClarification {\n          __typename\n          id\n          question\n        }\n        ... on RoundQuestion {\n          __typename\n          id\n          text\n        }\n        ... on Specification {\n          __typename\n          id\n          title\n        }\n        ... on UpliftDecision {\n          __typename\n          id\n          outcome\n        }\n        ... on UpliftRequest {\n          __typename\n          id\n          establishment {\n            __typename\n            id\n            name\n          }\n        }\n        ... on WebhookEndpoint {\n          __typename\n          id\n          url\n        }\n      }\n    }\n  }\n}\n",
  "attentionLinks": {
   "OUTCOME_REPORT_DUE": {
    "CallOff": {
     "operation": "saveOutcomeReport",
     "params": [
      "academicYear",
      "term"
     ]
    }
   },
   "ANNUAL_REVIEW_REPORT_DUE": {
    "AnnualReview": {
     "operation": "submitReviewReport"
    }
   }
  },
  "operations": {
   "submitOffer": {
    "title": "Make an offer",
    "button": "Send offer",
    "choices": {
     "establishment": {
      "from": "matches",
      "pick": "establishment",
      "when": {
       "eligible": [
        true
       ]
      },
      "except": {
       "from": "offers",
       "pick": "establishment",
       "when": {
        "status": [
         "SUBMITTED"
        ]
       }
      },
      "none": "You cannot make another offer: each of your establishments eligible for this child already has an offer you have not withdrawn, or none is eligible. To offer a place again, withdraw that offer first.",
      "document": "query ReferralChoices($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Referral {\n      matches {\n        establishment {\n          __typename\n          id\n          name\n        }\n        eligible\n      }\n      offers {\n        establishment {\n          __typename\n          id\n          name\n        }\n        status\n      }\n    }\n  }\n}\n"
     }
    },
    "asks": {
     "when": {
      "weeklyFees.care": {
       "lot.placementType": [
        "RESIDENTIAL"
       ]
      }
     },
     "document": "query ReferralAsks($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Referral {\n      lot {\n        placementType\n      }\n    }\n  }\n}\n"
    },
    "done": "Your offer has been sent",
    "confirmation": {
     "title": "Offer sent",
     "view": "View your offer",
     "next": "The council compares the offers it receives once the offer deadline has passed. We will send you a message when it decides. You can withdraw your offer until then."
    }
   },
   "withdrawOffer": {
    "title": "Withdraw your offer",
    "button": "Withdraw offer",
    "done": "Your offer has been withdrawn",
    "warning": "The council will no longer consider this offer. You can make a new offer while the referral is open."
   },
   "createBid": {
    "title": "Start an application",
    "button": "Start application",
    "done": "Your application has been started",
    "choices": {
     "copyFrom": {
      "query": "bids",
      "filter": {
       "round": "$record",
       "status": "WITHDRAWN"
      },
      "document": "query BidsChoices($id: ID!) {\n  list: bids(first: 100, filter: {round: $id, status: WITHDRAWN}) {\n    nodes {\n      __typename\n      id\n      round {\n        number\n      }\n    }\n  }\n}\n"
     }
    }
   },
   "setBidLot": {
    "title": "Lot, establishments and prices",
    "button": "Save and continue",
    "done": "Your lot, establishments and prices have been saved",
    "prefill": {
     "document": "query SetBidLotSaved($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Bid {\n      lots {\n        lot {\n          id\n        }\n        establishments {\n          id\n        }\n        pricingSchedule {\n          band\n          element\n          weeklyFee\n        }\n      }\n    }\n  }\n}\n",
     "from": "lots",
     "key": "lot",
     "match": [],
     "fields": {
      "establishments": "establishments",
      "pricing": "pricingSchedule"
     }
    },
    "choices": {
     "establishments": {
      "of": "lot",
      "from": "ownEstablishments",
      "document": "query LotChoices($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Lot {\n      ownEstablishments {\n        __typename\n        id\n        name\n      }\n    }\n  }\n}\n"
     }
    },
    "grid": {
     "field": "pricing",
     "rows": "band",
     "columns": "element",
     "value": "weeklyFee",
     "required": [
      "EDUCATION"
     ],
     "only": {
      "CARE": {
       "field": "lot",
       "when": {
        "placementType": [
         "RESIDENTIAL"
        ]
       },
       "document": "query LotFacts($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Lot {\n      placementType\n    }\n  }\n}\n"
      }
     }
    }
   },
   "removeBidLot": {
    "title": "Remove a lot from your application",
    "button": "Remove lot",
    "done": "The lot has been removed from your application",
    "warning": "Your establishments and prices for this lot will be deleted."
   },
   "answerQuestions": {
    "title": "Answer the questions",
    "button": "Save and continue",
    "done": "Your answers have been saved",
    "prefill": {
     "document": "query AnswerQuestionsSaved($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Bid {\n      answers {\n        question {\n          id\n        }\n        answer\n      }\n    }\n  }\n}\n",
     "from": null,
     "key": null,
     "match": [],
     "fields": {
      "answers": "answers"
     }
    }
   },
   "requestDocumentUpload": {
    "title": "Attach a document",
    "button": "Upload document",
    "choices": {
     "documentType": {
      "values": "documentTypes",
      "document": "query DocumentTypesChoices($id: ID!) {\n  values: documentTypes(owner: $id)\n}\n"
     }
    }
   },
   "submitBid": {
    "title": "Submit your application",
    "button": "Submit application",
    "done": "Your application has been submitted",
    "confirmation": {
     "title": "Application submitted",
     "view": "View your application",
     "next": "Your application is sealed until the round closes. The lead authority then evaluates every application and publishes its decisions for each lot; we will send you a message."
    }
   },
   "withdrawBid": {
    "title": "Withdraw your application",
    "button": "Withdraw application",
    "done": "Your application has been withdrawn",
    "warning": "The lead authority will not evaluate a withdrawn application. To apply again you must start a new application and submit it before the round closes."
   },
   "askClarification": {
    "title": "Ask a question about this round",
    "button": "Send question",
    "done": "Your question has been sent"
   },
   "saveOutcomeReport": {
    "title": "Outcome report",
    "button": "Save as draft",
    "done": "Your report has been saved as a draft",
    "prefill": {
     "document": "query SaveOutcomeReportSaved($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on CallOff {\n      outcomeReports {\n        academicYear\n        term\n        narrative\n        values {\n          measure {\n            id\n          }\n          value\n        }\n        version\n      }\n    }\n  }\n}\n",
     "from": "outcomeReports",
     "key": null,
     "match": [
      "academicYear",
      "term"
     ],
     "fields": {
      "academicYear": "academicYear",
      "term": "term",
      "narrative": "narrative",
      "values": "values",
      "version": "version"
     }
    },
    "choices": {
     "academicYear": {
      "from": "termsToReport",
      "answers": [
       "academicYear",
       "term"
      ],
      "question": "Term",
      "label": "period",
      "due": "dueAt",
      "draft": "report",
      "none": "There is no term to report on yet: a report can be written once a term has started, and each term's report only once.",
      "document": "query CallOffChoices($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on CallOff {\n      termsToReport {\n        academicYear\n        term\n        period\n        dueAt\n        report {\n          __typename\n          id\n          status\n        }\n      }\n    }\n  }\n}\n"
     }
    },
    "scales": {
     "field": "values",
     "choice": "measure",
     "value": "value",
     "from": "lot.system.outcomeMeasures",
     "scale": "scale",
     "controls": {
      "YES_NO": {
       "label": "Answer",
       "radios": [
        [
         1,
         "Yes"
        ],
        [
         0,
         "No"
        ]
       ]
      },
      "RATING_1_5": {
       "label": "Rating",
       "radios": [
        [
         1,
         "1"
        ],
        [
         2,
         "2"
        ],
        [
         3,
         "3"
        ],
        [
         4,
         "4"
        ],
        [
         5,
         "5"
        ]
       ],
       "hint": "From 1 (poor) to 5 (excellent)"
      },
      "PERCENT": {
       "label": "Percentage",
       "min": 0,
       "max": 100,
       "suffix": "%",
       "hint": "A percentage from 0 to 100"
      },
      "COUNT": {
       "label": "Number",
       "min": 0,
       "whole": true,
       "hint": "A whole number, 0 or more"
      }
     },
     "only": {
      "frequency": {
       "ANNUALLY": {
        "term": [
         "SUMMER"
        ]
       }
      }
     },
     "document": "query CallOffScales($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on CallOff {\n      lot {\n        system {\n          outcomeMeasures {\n            __typename\n            id\n            scale\n            frequency\n            name\n            description\n          }\n        }\n      }\n    }\n  }\n}\n"
    }
   },
   "submitReviewReport": {
    "title": "Annual review report",
    "button": "Send report",
    "prefill": {
     "document": "query SubmitReviewReportSaved($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on AnnualReview {\n      reportNarrative\n      reportOutcomes {\n        measure {\n          id\n        }\n        narrative\n      }\n      attendancePercent\n    }\n  }\n}\n",
     "from": null,
     "key": null,
     "match": [],
     "fields": {
      "narrative": "reportNarrative",
      "outcomes": "reportOutcomes",
      "attendancePercent": "attendancePercent"
     }
    },
    "shows": [
     "meetingOn",
     "reportDueOn"
    ],
    "done": "Your annual review report has been sent",
    "confirmation": {
     "title": "Annual review report sent",
     "view": "View the annual review",
     "next": "The council shares your report with everyone invited to the review meeting. You can change it and send it again until the meeting is held."
    },
    "hint": "Send the council your annual review report for this child, 2 weeks before the review meeting. You can change it and send it again until the meeting."
   },
   "submitOutcomeReport": {
    "title": "Send the report",
    "button": "Send report",
    "done": "Your report has been sent to the council",
    "confirmation": {
     "title": "Report sent",
     "view": "View the report",
     "next": "The placing council reviews the report. If it has a query, we will send you a message."
    }
   },
   "answerOutcomeReportQuery": {
    "title": "Answer the council's query",
    "about": {
     "from": "queries",
     "when": {
      "open": [
       true
      ]
     },
     "text": "comment",
     "at": "askedAt",
     "title": "The council asked",
     "document": "query OutcomeReportAbout($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on OutcomeReport {\n      queries {\n        comment\n        askedAt\n        open\n      }\n    }\n  }\n}\n"
    },
    "button": "Send answer",
    "done": "Your answer has been sent"
   },
   "inviteProviderUser": {
    "title": "Invite a colleague",
    "button": "Send invitation",
    "done": "Your colleague has been sent an invitation"
   },
   "updateEstablishment": {
    "title": "Change establishment details",
    "button": "Save changes",
    "done": "The establishment's details have been saved",
    "prefill": {
     "document": "query UpdateEstablishmentSaved($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Establishment {\n      hostAuthority\n      dayCapacity\n      residentialCapacity\n      dayVacancies\n      residentialVacancies\n      needs\n      ageMin\n      ageMax\n    }\n  }\n}\n",
     "from": null,
     "key": null,
     "match": [],
     "fields": {
      "hostAuthority": "hostAuthority",
      "dayCapacity": "dayCapacity",
      "residentialCapacity": "residentialCapacity",
      "dayVacancies": "dayVacancies",
      "residentialVacancies": "residentialVacancies",
      "needs": "needs",
      "ageMin": "ageMin",
      "ageMax": "ageMax"
     }
    }
   },
   "submitInvoice": {
    "title": "Send an invoice",
    "button": "Send invoice",
    "table": {
     "field": "lines",
     "rows": "element",
     "heading": "Cost element",
     "title": "What you are billing for"
    },
    "done": "Your invoice has been sent",
    "confirmation": {
     "title": "Invoice sent",
     "view": "View your invoice",
     "next": "Payment is due by {dueOn}. The council checks each line of your invoice against what the placement's agreement says is due for those days, then approves it or disputes the lines that do not match. We will send you a message when it decides. Attach the invoice as a PDF from its page if your council asks for one.",
     "values": {
      "dueOn": "Date"
     }
    }
   },
   "approveInvoice": {
    "title": "Approve this invoice",
    "button": "Approve invoice",
    "shows": [
     "lines"
    ],
    "done": "The invoice has been approved",
    "confirmation": {
     "title": "Invoice approved",
     "view": "View the invoice",
     "next": "The provider has been told. Pay it by {dueOn}, then record the payment on the invoice's page.",
     "values": {
      "dueOn": "Date"
     }
    },
    "hint": "Check each line against what the agreement says is due before you approve it."
   },
   "disputeInvoice": {
    "title": "Dispute this invoice",
    "button": "Dispute invoice",
    "shows": [
     "lines"
    ],
    "table": {
     "field": "lines",
     "rows": "line",
     "heading": "Line",
     "title": "Why you dispute each line"
    },
    "done": "The invoice has been disputed",
    "confirmation": {
     "title": "Invoice disputed",
     "view": "View the invoice",
     "next": "The provider has been told your reasons, line by line. They will send a corrected invoice; nothing is paid on this one."
    },
    "hint": "Give a reason for each line you do not agree with; the provider sends a corrected invoice."
   },
   "recordInvoicePayment": {
    "title": "Record payment",
    "button": "Record payment",
    "done": "The payment has been recorded",
    "confirmation": {
     "title": "Payment recorded",
     "view": "View the invoice",
     "next": "The provider has been told that the invoice is paid."
    }
   },
   "requestFeeUplift": {
    "title": "Ask for a fee uplift",
    "button": "Send request",
    "choices": {
     "lot": {
      "from": "provider.memberships",
      "pick": "lot",
      "when": {
       "status": [
        "ACTIVE"
       ]
      },
      "none": "You cannot ask for a fee uplift: your organisation has not joined a lot.",
      "document": "query EstablishmentChoices($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Establishment {\n      provider {\n        memberships {\n          lot {\n            __typename\n            id\n            code\n            title\n          }\n          status\n        }\n      }\n    }\n  }\n}\n"
     }
    },
    "done": "Your request has been sent",
    "confirmation": {
     "title": "Fee uplift request sent",
     "view": "View your request",
     "next": "Each council with placements at this establishment on this lot decides whether to agree the uplift, or the lead council decides for them all. We will send you a message when a decision is made. Attach your evidence (costs, pay awards, accounts) from the request's page."
    }
   },
   "agreeFundingContribution": {
    "title": "Agree your contribution",
    "button": "Agree contribution",
    "shows": [
     "shares"
    ],
    "done": "Your contribution has been agreed",
    "confirmation": {
     "title": "Contribution agreed",
     "reference": {
      "field": "callOff.reference",
      "label": "Placement reference"
     },
     "view": "View the funding of this placement",
     "next": "The council has been told. When every funder has agreed, the funding is agreed."
    },
    "hint": "Check your share of each part of the weekly fee and what it comes to each week. When you agree, we tell the council that placed the child."
   }
  },
  "journeys": {
   "submitOffer": {
    "operation": "submitOffer",
    "title": null,
    "pages": [
     {
      "slug": "establishment",
      "title": "Which of your establishments would the child attend?",
      "fields": [
       "establishment"
      ]
     },
     {
      "slug": "start-date",
      "title": "When could the child start?",
      "fields": [
       "startDate"
      ]
     },
     {
      "slug": "fees",
      "title": "What weekly fees are you offering?",
      "fields": [
       "band",
       "weeklyFees"
      ]
     },
     {
      "slug": "quality",
      "title": "How would you meet the child's needs?",
      "fields": [
       "qualityAnswers",
       "qualityStatement"
      ]
     },
     {
      "slug": "justification",
      "title": "Why are your fees above your rate card?",
      "fields": [
       "justification"
      ],
      "above": {
       "fees": "weeklyFees",
       "band": "band",
       "from": "matches",
       "match": "establishment",
       "card": "membership.rateCard",
       "document": "query ReferralLimits($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    ... on Referral {\n      matches {\n        establishment {\n          __typename\n          id\n        }\n        membership {\n          rateCard {\n            band\n            element\n            weeklyFee\n          }\n        }\n      }\n    }\n  }\n}\n"
      }
     }
    ]
   },
   "saveOutcomeReport": {
    "operation": "saveOutcomeReport",
    "title": null,
    "pages": [
     {
      "slug": "term",
      "title": "Which term are you reporting on?",
      "fields": [
       "academicYear",
       "term"
      ]
     },
     {
      "slug": "progress",
      "title": "The child's progress",
      "fields": [
       "narrative"
      ]
     },
     {
      "slug": "measures",
      "title": "Outcome measures",
      "fields": [
       "values"
      ]
     }
    ]
   },
   "submitReviewReport": {
    "operation": "submitReviewReport",
    "title": null,
    "pages": [
     {
      "slug": "progress",
      "title": "How is the child getting on?",
      "fields": [
       "narrative"
      ]
     },
     {
      "slug": "outcomes",
      "title": "What progress has the child made towards their outcomes?",
      "fields": [
       "outcomes"
      ]
     },
     {
      "slug": "attendance",
      "title": "What is the child's attendance this school year?",
      "fields": [
       "attendancePercent"
      ]
     }
    ]
   },
   "requestFeeUplift": {
    "operation": "requestFeeUplift",
    "title": null,
    "pages": [
     {
      "slug": "lot",
      "title": "Which lot and from when?",
      "fields": [
       "lot",
       "effectiveFrom"
      ]
     },
     {
      "slug": "uplift",
      "title": "How much higher should each part of the fee be?",
      "fields": [
       "uplift"
      ]
     },
     {
      "slug": "reasons",
      "title": "Why do you need the uplift?",
      "fields": [
       "reasons",
       "newRates",
       "callOffs"
      ]
     }
    ]
   },
   "updateVacancies": {
    "operation": "updateEstablishment",
    "title": "Update vacancies",
    "pages": [
     {
      "slug": "vacancies",
      "title": "Update vacancies",
      "fields": [
       "dayVacancies",
       "residentialVacancies"
      ]
     }
    ]
   }
  },
  "actions": {
   "Referral": [
    {
     "operation": "submitOffer",
     "title": "Make an offer",
     "journey": "submitOffer",
     "when": {
      "status": [
       "OPEN"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "Offer": [
    {
     "operation": "withdrawOffer",
     "title": "Withdraw this offer",
     "journey": null,
     "when": {
      "status": [
       "SUBMITTED"
      ],
      "referral.status": [
       "OPEN"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "ApplicationRound": [
    {
     "open": "ownBid",
     "title": "Continue your application",
     "when": {},
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "createBid",
     "title": "Start an application",
     "journey": null,
     "when": {
      "status": [
       "OPEN"
      ],
      "ownBid": [
       null
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "askClarification",
     "title": "Ask a question about this round",
     "journey": null,
     "when": {
      "status": [
       "OPEN"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "Bid": [
    {
     "operation": "withdrawBid",
     "title": "Withdraw this application",
     "journey": null,
     "when": {
      "status": [
       "DRAFT",
       "SUBMITTED"
      ],
      "round.status": [
       "OPEN"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "BidLot": [
    {
     "operation": "removeBidLot",
     "title": "Remove this lot from your application",
     "journey": null,
     "when": {
      "bid.status": [
       "DRAFT"
      ],
      "bid.round.status": [
       "OPEN"
      ]
     },
     "unless": {},
     "via": "bid",
     "params": [
      "lot"
     ],
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "CallOff": [
    {
     "operation": "saveOutcomeReport",
     "title": "Start an outcome report",
     "journey": "saveOutcomeReport",
     "when": {
      "status": [
       "ACTIVE"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "submitInvoice",
     "title": "Send an invoice",
     "journey": null,
     "when": {
      "status": [
       "ACTIVE",
       "ENDED"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "giveNotice",
     "title": "Give notice to end this placement",
     "journey": null,
     "when": {
      "status": [
       "PENDING",
       "ACTIVE"
      ],
      "notice": [
       null
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "Invoice": [
    {
     "operation": "requestDocumentUpload",
     "title": "Attach the invoice (PDF)",
     "journey": null,
     "when": {
      "status": [
       "SUBMITTED"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "approveInvoice",
     "title": "Approve this invoice",
     "journey": null,
     "when": {
      "status": [
       "SUBMITTED"
      ]
     },
     "unless": {},
     "roles": [
      "AUTHORITY_FINANCE"
     ]
    },
    {
     "operation": "disputeInvoice",
     "title": "Dispute this invoice",
     "journey": null,
     "when": {
      "status": [
       "SUBMITTED"
      ]
     },
     "unless": {},
     "roles": [
      "AUTHORITY_FINANCE"
     ]
    },
    {
     "operation": "recordInvoicePayment",
     "title": "Record payment",
     "journey": null,
     "when": {
      "status": [
       "APPROVED"
      ]
     },
     "unless": {},
     "roles": [
      "AUTHORITY_FINANCE"
     ]
    }
   ],
   "InvoiceLine": [],
   "UpliftRequest": [
    {
     "operation": "requestDocumentUpload",
     "title": "Attach evidence",
     "journey": null,
     "when": {},
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "UpliftDecision": [],
   "OutcomeReport": [
    {
     "operation": "answerOutcomeReportQuery",
     "title": "Answer the council's query",
     "journey": null,
     "when": {
      "status": [
       "QUERIED"
      ],
      "queries.answeredAt": [
       null
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "saveOutcomeReport",
     "title": "Change this report",
     "journey": "saveOutcomeReport",
     "when": {
      "status": [
       "DRAFT",
       "QUERIED"
      ]
     },
     "unless": {},
     "via": "callOff",
     "params": [
      "academicYear",
      "term"
     ],
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "requestDocumentUpload",
     "title": "Attach evidence",
     "journey": null,
     "when": {
      "status": [
       "DRAFT",
       "QUERIED"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "submitOutcomeReport",
     "title": "Send this report",
     "journey": null,
     "when": {
      "status": [
       "DRAFT"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "submitOutcomeReport",
     "title": "Send the report again",
     "journey": null,
     "when": {
      "status": [
       "QUERIED"
      ]
     },
     "unless": {
      "queries.answeredAt": [
       null
      ]
     },
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "AnnualReview": [
    {
     "operation": "submitReviewReport",
     "title": "Write your annual review report",
     "journey": "submitReviewReport",
     "when": {
      "status": [
       "MEETING_TO_ARRANGE",
       "MEETING_ARRANGED"
      ],
      "reportSubmittedAt": [
       null
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "submitReviewReport",
     "title": "Change your annual review report",
     "journey": "submitReviewReport",
     "when": {
      "status": [
       "MEETING_TO_ARRANGE",
       "MEETING_ARRANGED"
      ]
     },
     "unless": {
      "reportSubmittedAt": [
       null
      ]
     },
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "requestDocumentUpload",
     "title": "Attach a document to your report",
     "journey": null,
     "when": {
      "status": [
       "MEETING_TO_ARRANGE",
       "MEETING_ARRANGED"
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "Provider": [],
   "Specification": [],
   "Establishment": [
    {
     "operation": "updateEstablishment",
     "title": "Update vacancies",
     "journey": "updateVacancies",
     "own": "provider",
     "when": {},
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "updateEstablishment",
     "title": "Change establishment details",
     "journey": null,
     "own": "provider",
     "when": {},
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "markEstablishmentClosing",
     "title": "Tell the councils this establishment is closing",
     "journey": null,
     "own": "provider",
     "when": {
      "closingOn": [
       null
      ]
     },
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    },
    {
     "operation": "requestFeeUplift",
     "title": "Ask for a fee uplift",
     "journey": "requestFeeUplift",
     "own": "provider",
     "when": {},
     "unless": {},
     "roles": [
      "PROVIDER_USER"
     ]
    }
   ],
   "FundingSplit": [
    {
     "operation": "agreeFundingContribution",
     "title": "Agree your contribution",
     "journey": null,
     "when": {
      "status": [
       "PENDING"
      ]
     },
     "unless": {},
     "for": "contributions",
     "where": {
      "yoursToAgree": [
       true
      ]
     },
     "param": "contribution",
     "version": true,
     "roles": [
      "ICB_COMMISSIONER"
     ]
    }
   ],
   "FundingContribution": []
  },
  "taskLists": {
   "Bid": {
    "title": "Apply to join lots",
    "when": {
     "status": [
      "DRAFT"
     ]
    },
    "deadline": {
     "field": "round.closesAt",
     "text": "Submit your application by"
    },
    "sections": [
     {
      "title": "Lots you are applying for",
      "tasks": [
       {
        "each": "round.lots",
        "title": "{label}",
        "hint": "Your establishments and your prices for this lot",
        "operation": "setBidLot",
        "choose": "lot",
        "done": {
         "in": "lots",
         "by": "lot"
        },
        "shows": "lots"
       }
      ]
     },
     {
      "title": "Questions",
      "tasks": [
       {
        "title": "Answer the questions",
        "operation": "answerQuestions",
        "done": {
         "count": "answers",
         "of": "round.questions"
        },
        "shows": "answers"
       }
      ]
     },
     {
      "title": "Supporting documents",
      "tasks": [
       {
        "title": "Attach documents",
        "hint": "For example, your insurance certificate",
        "operation": "requestDocumentUpload",
        "optional": true,
        "done": {
         "related": "documents"
        },
        "shows": "documents"
       }
      ]
     },
     {
      "title": "Check and submit",
      "tasks": [
       {
        "title": "Check your answers and submit",
        "operation": "submitBid",
        "last": true
       }
      ]
     }
    ],
    "check": {
     "document": "query BidCheck($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Bid {\n      lots {\n        __typename\n        id\n        lot {\n          code\n          title\n          __typename\n          id\n        }\n        decision\n        decidedAt\n        feedback\n        moderation {\n          __typename\n          id\n        }\n        establishments {\n          __typename\n          id\n          name\n        }\n        pricingSchedule {\n          band\n          element\n          weeklyFee\n        }\n        evaluations {\n          __typename\n          id\n        }\n      }\n      answers {\n        question {\n          __typename\n          id\n          text\n        }\n        answer\n      }\n    }\n  }\n}\n",
     "specs": {
      "lots": {
       "name": "lots",
       "kind": "object",
       "type": "BidLot",
       "list": true,
       "link": true,
       "fields": [
        {
         "name": "lot",
         "label": "Lot",
         "list": false,
         "kind": "ref",
         "type": "Lot"
        },
        {
         "name": "decision",
         "label": "Decision",
         "list": false,
         "kind": "enum",
         "type": "LotDecision"
        },
        {
         "name": "decidedAt",
         "label": "Decided",
         "list": false,
         "kind": "scalar",
         "type": "DateTime"
        },
        {
         "name": "feedback",
         "label": "Feedback",
         "list": false,
         "kind": "scalar",
         "type": "String"
        },
        {
         "name": "moderation",
         "label": "Result",
         "list": false,
         "kind": "ref",
         "type": "Moderation"
        },
        {
         "name": "establishments",
         "label": "Establishments offered",
         "list": true,
         "kind": "ref",
         "type": "Establishment"
        },
        {
         "name": "pricingSchedule",
         "label": "Your prices",
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
         "format": "grid"
        },
        {
         "name": "evaluations",
         "label": "Evaluators' assessments",
         "list": true,
         "kind": "ref",
         "type": "Evaluation"
        }
       ]
      },
      "answers": {
       "name": "answers",
       "kind": "object",
       "type": "BidAnswer",
       "list": true,
       "link": false,
       "fields": [
        {
         "name": "question",
         "label": "Question",
         "list": false,
         "kind": "ref",
         "type": "RoundQuestion"
        },
        {
         "name": "answer",
         "label": "Your answer",
         "list": false,
         "kind": "scalar",
         "type": "String"
        }
       ]
      }
     }
    }
   }
  },
  "stateDocuments": {
   "Referral": "query ReferralState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Referral {\n      status\n      __typename\n      id\n      child {\n        reference\n      }\n    }\n  }\n}\n",
   "Offer": "query OfferState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Offer {\n      status\n      referral {\n        status\n      }\n      __typename\n      id\n      reference\n      establishment {\n        name\n      }\n    }\n  }\n}\n",
   "ApplicationRound": "query ApplicationRoundState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on ApplicationRound {\n      ownBid {\n        __typename\n        id\n      }\n      status\n      __typename\n      id\n      number\n    }\n  }\n}\n",
   "Bid": "query BidState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Bid {\n      status\n      round {\n        status\n        closesAt\n        lots {\n          __typename\n          id\n          code\n          title\n        }\n        questions {\n          __typename\n          id\n        }\n        number\n      }\n      lots {\n        __typename\n        id\n        lot {\n          __typename\n          id\n        }\n      }\n      answers {\n        __typename\n      }\n      __typename\n      id\n    }\n  }\n}\n",
   "BidLot": "query BidLotState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on BidLot {\n      bid {\n        __typename\n        id\n        status\n        round {\n          status\n        }\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n      __typename\n      id\n    }\n  }\n}\n",
   "CallOff": "query CallOffState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on CallOff {\n      status\n      notice {\n        __typename\n      }\n      __typename\n      id\n      reference\n    }\n  }\n}\n",
   "Invoice": "query InvoiceState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Invoice {\n      status\n      __typename\n      id\n      reference\n    }\n  }\n}\n",
   "OutcomeReport": "query OutcomeReportState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on OutcomeReport {\n      status\n      queries {\n        answeredAt\n      }\n      callOff {\n        __typename\n        id\n        reference\n      }\n      academicYear\n      term\n      __typename\n      id\n      period\n    }\n  }\n}\n",
   "AnnualReview": "query AnnualReviewState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on AnnualReview {\n      status\n      reportSubmittedAt\n      __typename\n      id\n      callOff {\n        reference\n      }\n    }\n  }\n}\n",
   "Establishment": "query EstablishmentState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Establishment {\n      provider {\n        __typename\n        id\n      }\n      closingOn\n      __typename\n      id\n      name\n    }\n  }\n}\n",
   "FundingSplit": "query FundingSplitState($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on FundingSplit {\n      contributions {\n        __typename\n        id\n        funder {\n          stream\n          integratedCareBoard {\n            name\n          }\n          authority {\n            name\n          }\n        }\n        yoursToAgree\n      }\n      version\n      status\n      __typename\n      id\n      callOff {\n        reference\n      }\n    }\n  }\n}\n"
  }
 },
 "roles": [
  "PROVIDER_USER",
  "ICB_COMMISSIONER",
  "AUTHORITY_FINANCE"
 ],
 "scopes": [
  "bids:read",
  "bids:write",
  "calloffs:read",
  "calloffs:write",
  "clarifications:write",
  "documents:read",
  "documents:write",
  "funding:read",
  "funding:write",
  "inbox:read",
  "inbox:write",
  "invoices:read",
  "invoices:write",
  "offers:read",
  "offers:write",
  "providers:write",
  "referrals:read",
  "reports:read",
  "reports:write",
  "uplifts:write",
  "webhooks:read",
  "webhooks:write"
 ],
 "lists": [
  {
   "name": "integratedCareBoards",
   "title": "Integrated care boards",
   "description": "",
   "type": "IntegratedCareBoard",
   "public": true,
   "nav": false,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "fundingSplits",
   "title": "Funding",
   "description": "Placements whose weekly cost your organisation is asked to help pay for, with who pays what.",
   "type": "FundingSplit",
   "public": false,
   "nav": true,
   "roles": [
    "ICB_COMMISSIONER"
   ]
  },
  {
   "name": "invoices",
   "title": "Invoices",
   "description": "Invoices for placements, newest first, with whether each is approved, disputed or paid.",
   "type": "Invoice",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "upliftRequests",
   "title": "Fee uplift requests",
   "description": "Requests for higher fees at an establishment on a lot, and what each council decided.",
   "type": "UpliftRequest",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "annualReviews",
   "title": "Annual reviews",
   "description": "The yearly reviews of the education, health and care plans of children placed with you: when each is due, the meeting date the council has set, and when your report is due.",
   "type": "AnnualReview",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "name": "webhookEndpoints",
   "title": "Webhooks",
   "description": "Addresses where your own systems are told about new referrals and other events. For your technical staff.",
   "type": "WebhookEndpoint",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "name": "procurementNotices",
   "title": "Procurement notices",
   "description": "",
   "type": "ProcurementNotice",
   "public": true,
   "nav": false,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "authorities",
   "title": "Councils",
   "description": "The councils that buy placements through the purchasing system.",
   "type": "Authority",
   "public": true,
   "nav": false,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "purchasingSystems",
   "title": "Purchasing systems",
   "description": "How the councils buy placements, with the lots, service specification and outcome measures of each.",
   "type": "PurchasingSystem",
   "public": true,
   "nav": false,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "outcomeMeasures",
   "title": "Outcome measures",
   "description": "What you report on in outcome reports, and how each is measured.",
   "type": "OutcomeMeasure",
   "public": true,
   "nav": false,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "providers",
   "title": "Providers",
   "description": "Organisations that run schools and colleges on the purchasing system.",
   "type": "Provider",
   "public": true,
   "nav": false,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "establishments",
   "title": "Establishments",
   "description": "Schools and colleges on the purchasing system, including yours.",
   "type": "Establishment",
   "public": true,
   "nav": true,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "lotMemberships",
   "title": "Lot memberships",
   "description": "Which providers have joined which lots. Only you and the councils can see your rate cards.",
   "type": "LotMembership",
   "public": true,
   "nav": false,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "applicationRounds",
   "title": "Application rounds",
   "description": "The times when providers can apply to join lots. Each round has its own closing date.",
   "type": "ApplicationRound",
   "public": true,
   "nav": true,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "name": "bids",
   "title": "Applications",
   "description": "Your applications to join lots of the purchasing system.",
   "type": "Bid",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "name": "referrals",
   "title": "Referrals",
   "description": "Councils' requests for a placement for a child that you have been invited to make an offer for.",
   "type": "Referral",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "name": "offers",
   "title": "Offers",
   "description": "The places you have offered for children referred to you.",
   "type": "Offer",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "name": "callOffs",
   "title": "Placements",
   "description": "Children placed with you through the purchasing system, with their fees and outcome reports.",
   "type": "CallOff",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "name": "outcomeReports",
   "title": "Outcome reports",
   "description": "Your termly reports on the progress of the children placed with you.",
   "type": "OutcomeReport",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "name": "documents",
   "title": "Documents",
   "description": "Documents you have uploaded, and documents published for everyone, such as service specifications.",
   "type": "Document",
   "public": false,
   "nav": true,
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  }
 ],
 "records": [
  "AnnualReview",
  "ApplicationRound",
  "AuditEvent",
  "Authority",
  "Bid",
  "BidLot",
  "CallOff",
  "Document",
  "Establishment",
  "Evaluation",
  "FeeAmendment",
  "FundingContribution",
  "FundingSplit",
  "Inspection",
  "IntegratedCareBoard",
  "Invoice",
  "InvoiceLine",
  "Lot",
  "LotMembership",
  "Moderation",
  "Offer",
  "OutcomeMeasure",
  "OutcomeReport",
  "ProcurementNotice",
  "Provider",
  "PurchasingSystem",
  "Referral",
  "RoundClarification",
  "RoundQuestion",
  "Specification",
  "UpliftDecision",
  "UpliftRequest",
  "WebhookEndpoint"
 ],
 "recordRoles": {
  "AnnualReview": [
   "PROVIDER_USER"
  ],
  "ApplicationRound": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "AuditEvent": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Authority": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Bid": [
   "PROVIDER_USER"
  ],
  "BidLot": [
   "PROVIDER_USER"
  ],
  "CallOff": [
   "PROVIDER_USER",
   "AUTHORITY_FINANCE"
  ],
  "Document": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Establishment": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Evaluation": [
   "PROVIDER_USER"
  ],
  "FeeAmendment": [
   "PROVIDER_USER",
   "AUTHORITY_FINANCE"
  ],
  "FundingContribution": [
   "ICB_COMMISSIONER"
  ],
  "FundingSplit": [
   "ICB_COMMISSIONER"
  ],
  "Inspection": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "IntegratedCareBoard": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Invoice": [
   "PROVIDER_USER",
   "AUTHORITY_FINANCE"
  ],
  "InvoiceLine": [
   "PROVIDER_USER",
   "AUTHORITY_FINANCE"
  ],
  "Lot": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "LotMembership": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Moderation": [
   "PROVIDER_USER"
  ],
  "Offer": [
   "PROVIDER_USER"
  ],
  "OutcomeMeasure": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "OutcomeReport": [
   "PROVIDER_USER"
  ],
  "ProcurementNotice": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Provider": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "PurchasingSystem": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Referral": [
   "PROVIDER_USER"
  ],
  "RoundClarification": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "RoundQuestion": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "Specification": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "UpliftDecision": [
   "PROVIDER_USER",
   "AUTHORITY_FINANCE"
  ],
  "UpliftRequest": [
   "PROVIDER_USER",
   "AUTHORITY_FINANCE"
  ],
  "WebhookEndpoint": [
   "PROVIDER_USER"
  ]
 },
 "forms": [
  "agreeFundingContribution",
  "answerOutcomeReportQuery",
  "answerQuestions",
  "approveInvoice",
  "askClarification",
  "confirmDocumentUpload",
  "createBid",
  "createWebhookEndpoint",
  "disableWebhookEndpoint",
  "disputeInvoice",
  "giveNotice",
  "inviteProviderUser",
  "markEstablishmentClosing",
  "markNotificationsRead",
  "recordInvoicePayment",
  "registerProvider",
  "removeBidLot",
  "requestDocumentUpload",
  "requestEmailVerification",
  "requestFeeUplift",
  "rotateWebhookEndpointSecret",
  "saveOutcomeReport",
  "setBidLot",
  "setNotificationPreferences",
  "submitBid",
  "submitInvoice",
  "submitOffer",
  "submitOutcomeReport",
  "submitReviewReport",
  "updateEstablishment",
  "withdrawBid",
  "withdrawOffer"
 ],
 "formRoles": {
  "agreeFundingContribution": [
   "ICB_COMMISSIONER"
  ],
  "answerOutcomeReportQuery": [
   "PROVIDER_USER"
  ],
  "answerQuestions": [
   "PROVIDER_USER"
  ],
  "approveInvoice": [
   "AUTHORITY_FINANCE"
  ],
  "askClarification": [
   "PROVIDER_USER"
  ],
  "confirmDocumentUpload": [
   "PROVIDER_USER"
  ],
  "createBid": [
   "PROVIDER_USER"
  ],
  "createWebhookEndpoint": [
   "PROVIDER_USER"
  ],
  "disableWebhookEndpoint": [
   "PROVIDER_USER"
  ],
  "disputeInvoice": [
   "AUTHORITY_FINANCE"
  ],
  "giveNotice": [
   "PROVIDER_USER"
  ],
  "inviteProviderUser": [
   "PROVIDER_USER"
  ],
  "markEstablishmentClosing": [
   "PROVIDER_USER"
  ],
  "markNotificationsRead": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "recordInvoicePayment": [
   "AUTHORITY_FINANCE"
  ],
  "registerProvider": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "removeBidLot": [
   "PROVIDER_USER"
  ],
  "requestDocumentUpload": [
   "PROVIDER_USER"
  ],
  "requestEmailVerification": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "requestFeeUplift": [
   "PROVIDER_USER"
  ],
  "rotateWebhookEndpointSecret": [
   "PROVIDER_USER"
  ],
  "saveOutcomeReport": [
   "PROVIDER_USER"
  ],
  "setBidLot": [
   "PROVIDER_USER"
  ],
  "setNotificationPreferences": [
   "PROVIDER_USER",
   "ICB_COMMISSIONER",
   "AUTHORITY_FINANCE"
  ],
  "submitBid": [
   "PROVIDER_USER"
  ],
  "submitInvoice": [
   "PROVIDER_USER"
  ],
  "submitOffer": [
   "PROVIDER_USER"
  ],
  "submitOutcomeReport": [
   "PROVIDER_USER"
  ],
  "submitReviewReport": [
   "PROVIDER_USER"
  ],
  "updateEstablishment": [
   "PROVIDER_USER"
  ],
  "withdrawBid": [
   "PROVIDER_USER"
  ],
  "withdrawOffer": [
   "PROVIDER_USER"
  ]
 },
 "topActions": [
  {
   "operation": "createWebhookEndpoint",
   "title": "Create webhook endpoint",
   "description": "Have your own systems told about new referrals and other events. For your technical staff.",
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "operation": "inviteProviderUser",
   "title": "Invite provider user",
   "description": "Give a colleague an account of their own. We will email them a link to choose a password. Only administrators can do this.",
   "roles": [
    "PROVIDER_USER"
   ]
  },
  {
   "operation": "markNotificationsRead",
   "title": "Mark notifications read",
   "description": "Mark your messages as read.",
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "operation": "registerProvider",
   "title": "Register provider",
   "description": "Register your organisation, its schools and colleges, and the person who will manage its accounts. The lead council checks your registration before you can apply.",
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "operation": "requestEmailVerification",
   "title": "Request email verification",
   "description": "Get a new link to confirm your email address.",
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  },
  {
   "operation": "setNotificationPreferences",
   "title": "Set notification preferences",
   "description": "Choose which reminders are emailed to you. Messages you need to act on are always emailed.",
   "roles": [
    "PROVIDER_USER",
    "ICB_COMMISSIONER",
    "AUTHORITY_FINANCE"
   ]
  }
 ],
 "labels": {
  "AnnualReview": {
   "title": "Annual review",
   "prefix": "callOff.reference",
   "main": null,
   "via": null,
   "called": "Annual review for placement"
  },
  "ApplicationRound": {
   "title": "Application round",
   "prefix": "number",
   "main": null,
   "via": null
  },
  "AuditEvent": {
   "title": "Change",
   "prefix": null,
   "main": "at",
   "via": null
  },
  "Authority": {
   "title": "Council",
   "prefix": null,
   "main": "name",
   "via": null
  },
  "Bid": {
   "title": "Application",
   "prefix": "round.number",
   "main": null,
   "via": null,
   "called": "Application for round"
  },
  "BidLot": {
   "title": "Lot applied for",
   "prefix": "lot.code",
   "main": "lot.title",
   "via": null
  },
  "CallOff": {
   "title": "Placement",
   "prefix": "reference",
   "main": null,
   "via": null
  },
  "Document": {
   "title": "Document",
   "prefix": null,
   "main": "fileName",
   "via": null
  },
  "Establishment": {
   "title": "Establishment",
   "prefix": null,
   "main": "name",
   "via": null
  },
  "Evaluation": {
   "title": "Evaluator's assessment",
   "prefix": null,
   "main": null,
   "via": null
  },
  "FeeAmendment": {
   "title": "Fee change",
   "prefix": null,
   "main": "effectiveFrom",
   "via": null
  },
  "FundingContribution": {
   "title": "Contribution",
   "prefix": "funder.stream",
   "main": [
    "funder.integratedCareBoard.name",
    "funder.authority.name"
   ],
   "via": null,
   "enums": {
    "funder.stream": "FundingStream"
   }
  },
  "FundingSplit": {
   "title": "Funding",
   "prefix": "callOff.reference",
   "main": null,
   "via": null,
   "called": "Funding of placement"
  },
  "Inspection": {
   "title": "Inspection",
   "prefix": null,
   "main": "inspectedOn",
   "via": null
  },
  "IntegratedCareBoard": {
   "title": "Integrated care board",
   "prefix": null,
   "main": "name",
   "via": null
  },
  "Invoice": {
   "title": "Invoice",
   "prefix": "reference",
   "main": null,
   "via": null
  },
  "InvoiceLine": {
   "title": "Invoice line",
   "prefix": null,
   "main": "element",
   "via": null,
   "enums": {
    "element": "CostElement"
   }
  },
  "Lot": {
   "title": "Lot",
   "prefix": "code",
   "main": "title",
   "via": null
  },
  "LotMembership": {
   "title": "Lot membership",
   "prefix": null,
   "main": null,
   "via": "lot"
  },
  "Moderation": {
   "title": "Moderated result",
   "prefix": null,
   "main": null,
   "via": null
  },
  "Offer": {
   "title": "Offer",
   "prefix": "reference",
   "main": "establishment.name",
   "via": null
  },
  "OutcomeMeasure": {
   "title": "Outcome measure",
   "prefix": "code",
   "main": "name",
   "via": null
  },
  "OutcomeReport": {
   "title": "Outcome report",
   "prefix": "callOff.reference",
   "main": "period",
   "via": null
  },
  "ProcurementNotice": {
   "title": "Procurement notice",
   "prefix": "findATenderType",
   "main": null,
   "via": null
  },
  "Provider": {
   "title": "Provider",
   "prefix": null,
   "main": "legalName",
   "via": null
  },
  "PurchasingSystem": {
   "title": "Purchasing system",
   "prefix": "reference",
   "main": "title",
   "via": null
  },
  "Referral": {
   "title": "Referral",
   "prefix": "child.reference",
   "main": null,
   "via": null
  },
  "RoundClarification": {
   "title": "Question about the round",
   "prefix": null,
   "main": "question",
   "via": null
  },
  "RoundQuestion": {
   "title": "Question",
   "prefix": null,
   "main": "text",
   "via": null
  },
  "Specification": {
   "title": "Service specification",
   "prefix": null,
   "main": "title",
   "via": null
  },
  "UpliftDecision": {
   "title": "Decision",
   "prefix": null,
   "main": "outcome",
   "via": null,
   "enums": {
    "outcome": "UpliftOutcome"
   }
  },
  "UpliftRequest": {
   "title": "Fee uplift request",
   "prefix": null,
   "main": null,
   "via": "establishment"
  },
  "WebhookEndpoint": {
   "title": "Webhook",
   "prefix": null,
   "main": "url",
   "via": null
  }
 },
 "enums": {
  "AdmissionMode": {
   "ROUNDS": "In application rounds",
   "CONTINUOUS": "At any time"
  },
  "AmendmentReason": {
   "ANNUAL_UPLIFT": "Annual uplift",
   "NEEDS_CHANGE": "Change in the child's needs",
   "PROVISION_CHANGE": "Change in provision",
   "CORRECTION": "Correction of an error"
  },
  "AnalyticsScope": {
   "OWN_AUTHORITY": "Your own authority's placements, in full",
   "REGION": "Region"
  },
  "AnnualReviewStatus": {
   "MEETING_TO_ARRANGE": "Meeting not set yet",
   "MEETING_ARRANGED": "Meeting set",
   "DECISION_DUE": "Waiting for the council's decision",
   "AMENDED_PLAN_DUE": "Plan being amended",
   "COMPLETE": "Complete"
  },
  "AttentionKind": {
   "REFERRAL_AWAITING_OFFER": "Referrals waiting for your offer",
   "DRAFT_BID": "Applications not submitted yet",
   "OUTCOME_REPORT_DUE": "Outcome reports due",
   "OUTCOME_REPORT_QUERIED": "Outcome reports the council has queried",
   "ANNUAL_REVIEW_REPORT_DUE": "Annual review reports due",
   "DECISION_RECEIVED": "Decisions"
  },
  "AuthorityRole": {
   "LEAD": "Runs the purchasing system",
   "MEMBER": "Buys through the purchasing system"
  },
  "BidStatus": {
   "DRAFT": "Draft",
   "SUBMITTED": "Submitted",
   "WITHDRAWN": "Withdrawn"
  },
  "CallOffStatus": {
   "PENDING": "Not started",
   "ACTIVE": "Active",
   "ENDED": "Ended",
   "TERMINATED": "Ended early"
  },
  "CallOffType": {
   "INDIVIDUAL_PLACEMENT": "Individual placement",
   "BLOCK": "Block contract"
  },
  "Confidentiality": {
   "PUBLIC": "Anyone",
   "BUYER_ONLY": "The councils and you",
   "PERSONAL": "The placing council and you"
  },
  "CostElement": {
   "EDUCATION": "Education",
   "CARE": "Residential care",
   "HEALTH": "Health",
   "THERAPIES": "Therapies",
   "ADDITIONAL_STAFFING": "Additional staffing"
  },
  "DirectAwardGround": {
   "USER_CHOICE": "The child's or family's choice of school",
   "URGENCY": "Extreme and unavoidable urgency",
   "SINGLE_SUPPLIER": "Only one school can meet the child's needs"
  },
  "DocumentStatus": {
   "PENDING_UPLOAD": "Waiting for the file",
   "AVAILABLE": "Available",
   "REJECTED": "Rejected",
   "SUPERSEDED": "Replaced"
  },
  "DocumentType": {
   "SPECIFICATION": "Service specification",
   "INSURANCE": "Insurance certificate",
   "SAFEGUARDING_POLICY": "Safeguarding policy",
   "OFSTED_REPORT": "Ofsted inspection report",
   "EVALUATION_REPORT": "Evaluation report",
   "SIGNED_IPA": "Signed individual placement agreement",
   "OUTCOME_EVIDENCE": "Evidence for an outcome report",
   "INVOICE": "Invoice (as sent)",
   "UPLIFT_EVIDENCE": "Evidence for a fee uplift",
   "REVIEW_REPORT": "Annual review report",
   "OTHER": "Other"
  },
  "EndingKind": {
   "PLANNED": "Planned",
   "UNPLANNED": "Unplanned"
  },
  "EndingReason": {
   "PHASE_END": "The end of the phase: the agreement's end at a phase age",
   "PHASE_TRANSFER": "A move to another school or college for the next phase",
   "PLAN_CEASED": "The EHC plan ceased",
   "NEEDS_CHANGED": "Needs changed",
   "MOVED_AWAY": "Moved away",
   "FAMILY_CHOICE": "The child or family chose to leave",
   "PLACEMENT_BREAKDOWN": "The placement broke down",
   "SAFEGUARDING": "A safeguarding concern",
   "INSPECTION": "An inspection judged the establishment inadequate or unsafe",
   "PROVIDER_CLOSING": "Provider closing",
   "OTHER": "Another reason, given in the note"
  },
  "EstablishmentType": {
   "NON_MAINTAINED_SPECIAL": "Non-maintained special school",
   "INDEPENDENT_SPECIAL": "Independent special school",
   "INDEPENDENT": "Independent school",
   "SPECIAL_POST_16": "Special post-16 institution"
  },
  "ExclusionList": {
   "DEBARMENT": "The debarment list",
   "EXCLUDED_SUPPLIERS": "The council's excluded-supplier list"
  },
  "FundingSplitStatus": {
   "PENDING": "Waiting for agreement",
   "AGREED": "Agreed"
  },
  "FundingStream": {
   "EDUCATION": "Education",
   "SOCIAL_CARE": "Social care",
   "HEALTH": "Health"
  },
  "Gender": {
   "MALE": "Male",
   "FEMALE": "Female",
   "OTHER": "Another gender or not stated"
  },
  "GendersAdmitted": {
   "MIXED": "All genders",
   "BOYS": "Boys only",
   "GIRLS": "Girls only"
  },
  "IdentifierScheme": {
   "GB_COH": "Companies House number",
   "GB_CHC": "Charity number",
   "GB_PPON": "Public Procurement Organisation Number"
  },
  "InspectionFramework": {
   "LEGACY_GRADE": "Graded inspection (until November 2025)",
   "REPORT_CARD": "Report card",
   "SOCIAL_CARE": "Social care",
   "STANDARDS": "Independent school standards"
  },
  "Inspectorate": {
   "OFSTED": "Ofsted",
   "ISI": "Independent Schools Inspectorate",
   "CQC": "Care Quality Commission"
  },
  "InvoiceStatus": {
   "SUBMITTED": "Waiting for a decision",
   "APPROVED": "Approved",
   "DISPUTED": "Disputed",
   "PAID": "Paid"
  },
  "InvoiceUnit": {
   "DAY": "Days",
   "WEEK": "Weeks"
  },
  "LotDecision": {
   "ADMITTED": "Admitted",
   "REJECTED": "Not admitted"
  },
  "MatchCriterion": {
   "NEEDS": "Primary need",
   "SECONDARY_NEEDS": "Secondary needs",
   "AGE": "Age",
   "GENDER": "Gender",
   "VACANCIES": "Vacancies",
   "OFSTED": "Inspection",
   "PROVIDER": "Provider's status",
   "DISTANCE": "Distance"
  },
  "MatchSort": {
   "DISTANCE": "Nearest to the child's home first",
   "COST": "Cost"
  },
  "MeasureDirection": {
   "HIGHER_IS_BETTER": "Higher is better",
   "LOWER_IS_BETTER": "Lower is better"
  },
  "MeasureFrequency": {
   "TERMLY": "Every term",
   "ANNUALLY": "Once a year, in the summer term"
  },
  "MeasureScale": {
   "PERCENT": "Percentage from 0 to 100",
   "COUNT": "A count",
   "RATING_1_5": "Rating from 1 to 5",
   "YES_NO": "Yes or no"
  },
  "MembershipStatus": {
   "ACTIVE": "Active",
   "SUSPENDED": "Suspended",
   "REMOVED": "Removed",
   "EXPIRED": "Ended"
  },
  "NeedCode": {
   "SPLD": "Specific learning difficulty",
   "MLD": "Moderate learning difficulty",
   "SLD": "Severe learning difficulty",
   "PMLD": "Profound and multiple learning difficulty",
   "SEMH": "Social, emotional and mental health",
   "SLCN": "Speech, language and communication needs",
   "HI": "Hearing impairment",
   "VI": "Visual impairment",
   "MSI": "Multi-sensory impairment",
   "PD": "Physical disability",
   "ASD": "Autistic spectrum disorder",
   "OTH": "Other difficulty or disability",
   "NSA": "SEN support without a specialist assessment"
  },
  "NoticeParty": {
   "PROVIDER": "The provider",
   "AUTHORITY": "The council"
  },
  "NoticeStatus": {
   "DRAFT": "Not sent",
   "QUEUED": "Waiting to be published",
   "PUBLISHED": "Published on Find a Tender",
   "FAILED": "Not accepted"
  },
  "NoticeType": {
   "DYNAMIC_MARKET_INTENTION": "Dynamic market intended (UK13)",
   "DYNAMIC_MARKET_ESTABLISHMENT": "Dynamic market established (UK14)",
   "DYNAMIC_MARKET_MODIFICATION": "Dynamic market changed (UK15)",
   "DYNAMIC_MARKET_CESSATION": "Dynamic market ended (UK16)",
   "TENDER": "Tender notice (UK4)",
   "TRANSPARENCY": "Transparency notice (UK5)",
   "CONTRACT_AWARD": "Contract award notice (UK6)",
   "CONTRACT_DETAILS": "Contract details notice (UK7)",
   "PAYMENTS_COMPLIANCE": "Payments compliance notice (UK17)",
   "CONTRACT_CHANGE": "Contract change notice (UK10)",
   "CONTRACT_TERMINATION": "Contract termination notice (UK11)"
  },
  "NotificationKind": {
   "REFERRAL_INVITED": "Invitation to offer for a referral",
   "REFERRAL_CANCELLED": "Referral cancelled",
   "EMAIL_VERIFICATION": "Confirm your email address",
   "OFFER_DEADLINE_REMINDER": "Offer deadline reminder",
   "OFFER_RECEIVED": "Offer received",
   "OFFER_WITHDRAWN": "Offer withdrawn",
   "OFFER_AWARDED": "Offer accepted",
   "OFFER_DECLINED": "Offer not accepted",
   "ROUND_SCHEDULED": "Application round announced",
   "ROUND_OPENED": "Application round open",
   "CLARIFICATION_ANSWERED": "Question about a round answered",
   "ROUND_CLOSING_REMINDER": "Round closing reminder",
   "DECISIONS_ISSUED": "Decisions on your application",
   "REPORT_DUE_REMINDER": "Outcome report due reminder",
   "REPORT_OVERDUE_REMINDER": "Outcome report overdue reminder",
   "REPORT_SUBMITTED": "Outcome report sent",
   "REPORT_QUERIED": "Outcome report queried",
   "REPORT_ACCEPTED": "Outcome report accepted",
   "FEES_AMENDED": "Placement fees changed",
   "FUNDING_AGREEMENT_REQUESTED": "Funding to agree",
   "FUNDING_AGREED": "Funding agreed",
   "INVOICE_SUBMITTED": "Invoice received",
   "INVOICE_APPROVED": "Invoice approved",
   "INVOICE_DISPUTED": "Invoice disputed",
   "INVOICE_PAID": "Invoice paid",
   "UPLIFT_REQUESTED": "Fee uplift requested",
   "UPLIFT_DECIDED": "Decision on a fee uplift",
   "NOTICE_FROM_PROVIDER": "Notice from the provider to end a placement",
   "NOTICE_FROM_AUTHORITY": "Notice from the council to end a placement",
   "ESTABLISHMENT_CLOSING": "An establishment where you place is closing",
   "REVIEW_REPORT_REQUESTED": "Annual review report requested",
   "REVIEW_REPORT_DUE_REMINDER": "Annual review report due reminder",
   "REVIEW_REPORT_OVERDUE_REMINDER": "Annual review report late reminder",
   "REVIEW_MEETING_TO_ARRANGE_REMINDER": "Annual review meeting to arrange",
   "REVIEW_DECISION_OVERDUE_REMINDER": "Annual review decision overdue",
   "INSPECTION_CONCERN": "Inspection concern at an establishment where you place",
   "MEMBERSHIP_SUSPENDED": "Lot membership suspended",
   "MEMBERSHIP_REINSTATED": "Lot membership reinstated",
   "MEMBERSHIP_REMOVED": "Lot membership ended",
   "COLLEAGUE_INVITED": "Invitation from a colleague",
   "PASSWORD_RESET": "Reset your password",
   "ACCOUNT_LOCKED": "Account locked",
   "NOTICE_TO_FIND_A_TENDER": "Procurement notice for Find a Tender"
  },
  "NotificationStatus": {
   "PENDING": "Waiting for its first or next attempt",
   "SENT": "Handed to the channel (Notify, the SMTP server, a file)",
   "FAILED": "Failed",
   "SKIPPED": "Skipped"
  },
  "OfferStatus": {
   "SUBMITTED": "Sent",
   "WITHDRAWN": "Withdrawn",
   "ACCEPTED": "Accepted",
   "DECLINED": "Not accepted"
  },
  "OfstedGrade": {
   "OUTSTANDING": "Outstanding",
   "GOOD": "Good",
   "REQUIRES_IMPROVEMENT": "Requires improvement",
   "INADEQUATE": "Inadequate"
  },
  "OutcomeDomain": {
   "EDUCATION": "Education",
   "ATTENDANCE": "Attendance",
   "EMPLOYMENT": "Preparing for work",
   "INDEPENDENT_LIVING": "Preparing for independent living",
   "COMMUNITY": "Friends, relationships and community",
   "HEALTH": "Good health",
   "WELLBEING": "Wellbeing"
  },
  "OutcomeGrouping": {
   "PROVIDER": "One group per provider",
   "LOT": "One group per lot"
  },
  "OutcomeReportStatus": {
   "DRAFT": "Draft",
   "SUBMITTED": "Sent",
   "ACCEPTED": "Accepted",
   "QUERIED": "Queried"
  },
  "OutcomeTrend": {
   "IMPROVING": "The latest term's median is better than the previous term's",
   "WORSENING": "The latest term's median is worse than the previous term's",
   "STEADY": "The latest term's median equals the previous term's"
  },
  "PlacementGrouping": {
   "STATUS": "Status",
   "LOT": "One group per lot",
   "AUTHORITY": "One group per buying authority",
   "PROVIDER": "One group per provider",
   "PRIMARY_NEED": "Primary need"
  },
  "PlacementType": {
   "DAY": "Day",
   "RESIDENTIAL": "Residential"
  },
  "PricingBand": {
   "STANDARD": "Standard level of need",
   "ENHANCED": "Enhanced level of need",
   "COMPLEX": "Complex level of need"
  },
  "PrimaryNeedGroup": {
   "SPLD": "Specific learning difficulty",
   "MLD": "Moderate learning difficulty",
   "SLD": "Severe learning difficulty",
   "PMLD": "Profound and multiple learning difficulty",
   "SEMH": "Social, emotional and mental health",
   "SLCN": "Speech, language and communication needs",
   "HI": "Hearing impairment",
   "VI": "Visual impairment",
   "MSI": "Multi-sensory impairment",
   "PD": "Physical disability",
   "ASD": "Autistic spectrum disorder",
   "OTH": "Other difficulty or disability",
   "NSA": "SEN support but no specialist assessment of type of need",
   "NOT_RECORDED": "Not recorded"
  },
  "ProviderStatus": {
   "ACTIVE": "Active",
   "SUSPENDED": "Suspended",
   "EXCLUDED": "Excluded"
  },
  "QuestionKind": {
   "SELECTION": "Pass or fail",
   "AWARD": "Scored"
  },
  "ReferralMode": {
   "DIRECT_AWARD": "Direct award",
   "COMPETITION": "Mini-competition"
  },
  "ReferralStatus": {
   "DRAFT": "Draft",
   "OPEN": "Open for offers",
   "CLOSED": "Offers closed",
   "AWARDED": "Awarded",
   "UNSUCCESSFUL": "Not awarded",
   "CANCELLED": "Cancelled"
  },
  "Regime": {
   "PCR2015_LIGHT_TOUCH": "Public Contracts Regulations 2015, light-touch regime",
   "PA2023_DYNAMIC_MARKET": "Procurement Act 2023, dynamic market",
   "PA2023_OPEN_FRAMEWORK": "Procurement Act 2023, open framework"
  },
  "ReportCardArea": {
   "INCLUSION": "Inclusion",
   "CURRICULUM_AND_TEACHING": "Curriculum and teaching",
   "ACHIEVEMENT": "Achievement",
   "ATTENDANCE_AND_BEHAVIOUR": "Attendance and behaviour",
   "PERSONAL_DEVELOPMENT": "Personal development and well-being",
   "LEADERSHIP_AND_GOVERNANCE": "Leadership and governance",
   "EARLY_YEARS": "Early years",
   "SIXTH_FORM": "Sixth form"
  },
  "ReportCardGrade": {
   "EXCEPTIONAL": "Exceptional",
   "STRONG": "Strong standard",
   "EXPECTED": "Expected standard",
   "NEEDS_ATTENTION": "Needs attention",
   "URGENT_IMPROVEMENT": "Urgent improvement"
  },
  "ReviewAttendee": {
   "CHILD_OR_YOUNG_PERSON": "The child or young person",
   "PARENT_OR_CARER": "Parent or carer",
   "SCHOOL": "The school or college",
   "AUTHORITY_SEND_OFFICER": "The council's SEND officer",
   "SOCIAL_CARE": "Social care",
   "HEALTH": "Health",
   "EDUCATIONAL_PSYCHOLOGIST": "Educational psychologist",
   "OTHER": "Someone else"
  },
  "ReviewDecision": {
   "KEEP": "Keep the plan as it is",
   "AMEND": "Change the plan",
   "CEASE": "Stop the plan"
  },
  "Role": {
   "LEAD_ADMIN": "Lead admin",
   "EVALUATOR": "Evaluator",
   "AUTHORITY_COMMISSIONER": "Authority commissioner",
   "AUTHORITY_ANALYST": "Authority analyst",
   "PROVIDER_USER": "Provider user",
   "AUDITOR": "Auditor",
   "AUTHORITY_FINANCE": "Authority finance",
   "ICB_COMMISSIONER": "Icb commissioner"
  },
  "RoundStatus": {
   "SCHEDULED": "Not open yet",
   "OPEN": "Open",
   "CLOSED": "Closed",
   "EVALUATING": "Being evaluated",
   "STANDSTILL": "Standstill period",
   "CONCLUDED": "Decisions final",
   "CANCELLED": "Cancelled"
  },
  "SpecificationStatus": {
   "DRAFT": "Draft",
   "PUBLISHED": "Current",
   "SUPERSEDED": "Replaced"
  },
  "SpendGrouping": {
   "AUTHORITY": "One group per buying authority",
   "LOT": "One group per lot",
   "PROVIDER": "One group per provider",
   "PRIMARY_NEED": "Primary need",
   "FINANCIAL_YEAR": "One group per financial year (1 April to 31 March)",
   "FUNDER": "Funder",
   "FUNDING_STREAM": "Funding stream"
  },
  "SystemStatus": {
   "DRAFT": "Being set up",
   "ACTIVE": "Live",
   "CLOSED": "Closed"
  },
  "Term": {
   "AUTUMN": "Autumn term",
   "SPRING": "Spring term",
   "SUMMER": "Summer term"
  },
  "UpliftOutcome": {
   "ACCEPTED": "Agreed",
   "ACCEPTED_IN_PART": "Agreed in part",
   "REFUSED": "Refused"
  }
 },
 "errorTypes": [
  "ConditionsFixed",
  "DeadlinePassed",
  "Duplicate",
  "Forbidden",
  "InvalidTransition",
  "NotFound",
  "StaleVersion",
  "StorageUnavailable",
  "SupplierExcluded",
  "UploadRejected",
  "ValidationError"
 ],
 "inputs": [
  "AcceptOutcomeReportInput",
  "AddLotInput",
  "AddSystemMemberInput",
  "AgreeFundingContributionInput",
  "AmendCallOffFeesInput",
  "AnnualReviewFilter",
  "AnswerClarificationInput",
  "AnswerOutcomeReportQueryInput",
  "AnswerQuestionsInput",
  "ApplicationRoundFilter",
  "ApproveInvoiceInput",
  "AskClarificationInput",
  "AssignEvaluatorsInput",
  "AuditEventFilter",
  "AuthorityFilter",
  "AwardReferralInput",
  "BidAnswerInput",
  "BidFilter",
  "CallOffFilter",
  "CancelReferralInput",
  "CancelRoundInput",
  "ChangeFundingSplitInput",
  "ChildProfileInput",
  "ConcludeRoundInput",
  "ConfirmDocumentUploadInput",
  "CreateBidInput",
  "CreateBlockContractInput",
  "CreateOutcomeMeasureInput",
  "CreatePurchasingSystemInput",
  "CreateReferralInput",
  "CreateSpecificationDraftInput",
  "CreateWebhookEndpointInput",
  "DecideBidLotInput",
  "DecideFeeUpliftInput",
  "DisableWebhookEndpointInput",
  "DisputeInvoiceInput",
  "DocumentFilter",
  "EndCallOffInput",
  "EnterIntoCallOffInput",
  "EstablishmentFilter",
  "ExcludeProviderInput",
  "FeeBreakdownInput",
  "FeePercentsInput",
  "FeeRatesInput",
  "FundingContributionInput",
  "FundingSplitFilter",
  "FundingSplitInput",
  "GiveNoticeInput",
  "ImportExcludedSuppliersInput",
  "ImportInspectionsInput",
  "IncludeFlaggedEstablishmentInput",
  "InspectionJudgementInput",
  "IntegratedCareBoardFilter",
  "InviteProviderUserInput",
  "InvoiceFilter",
  "InvoiceLineInput",
  "IssueDecisionsInput",
  "IssuePaymentsComplianceNoticeInput",
  "LineDisputeInput",
  "LotMembershipFilter",
  "MarkEstablishmentClosingInput",
  "MarkInput",
  "MarkNotificationsReadInput",
  "ModerateBidLotInput",
  "NewEstablishmentInput",
  "OfferFilter",
  "OpenReferralInput",
  "OrganisationIdentifierInput",
  "OutcomeMeasureFilter",
  "OutcomeReportFilter",
  "OutcomeValueInput",
  "PlacementStabilityFilter",
  "PriceLineInput",
  "ProcurementNoticeFilter",
  "ProviderAdministratorInput",
  "ProviderFilter",
  "PublishNoticeInput",
  "PublishSpecificationInput",
  "PurchasingSystemFilter",
  "PurchasingSystemTransitionInput",
  "QueryOutcomeReportInput",
  "RecordAmendedPlanIssuedInput",
  "RecordEvaluationInput",
  "RecordInspectionInput",
  "RecordInvoicePaymentInput",
  "RecordReviewDecisionInput",
  "RecordReviewMeetingInput",
  "ReferralFilter",
  "RegisterProviderInput",
  "ReinstateMembershipInput",
  "ReinstateOutcomeMeasureInput",
  "RemoveBidLotInput",
  "RemoveMembershipInput",
  "RemoveSystemMemberInput",
  "RequestDocumentUploadInput",
  "RequestEmailVerificationInput",
  "RequestFeeUpliftInput",
  "RescheduleRoundInput",
  "RetireOutcomeMeasureInput",
  "ReviewOutcomeInput",
  "RotateWebhookEndpointSecretInput",
  "RoundQuestionInput",
  "SaveOutcomeReportInput",
  "ScheduleReviewMeetingInput",
  "ScheduleRoundInput",
  "ScoreOfferQualityInput",
  "SetBidLotInput",
  "SetNotificationPreferencesInput",
  "SetPhaseEndAgesInput",
  "SetPlanIssueDateInput",
  "SetReviewClocksInput",
  "SetTermDatesInput",
  "SubmitBidInput",
  "SubmitInvoiceInput",
  "SubmitOfferInput",
  "SubmitOutcomeReportInput",
  "SubmitReviewReportInput",
  "SuspendMembershipInput",
  "TermPeriodInput",
  "TerminateCallOffInput",
  "UpdateEstablishmentInput",
  "UpdateLotInput",
  "UpdateOutcomeMeasureInput",
  "UpdateReferralInput",
  "UpdateSpecificationDraftInput",
  "UpliftRequestFilter",
  "VerifyProviderInput",
  "WithdrawBidInput",
  "WithdrawOfferInput"
 ]
};
