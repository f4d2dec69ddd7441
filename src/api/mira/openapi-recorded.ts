/** Written by `npm run examples:record` from requests the integration suite made and their answers; do not edit. */
export const MIRA_RECORDED_EXAMPLES: Record<string, { body?: unknown; response?: unknown }> = {
  "createMeeting": {
    "body": {
      "title": "Discovery with Acme",
      "user_id": "1b0c02b9-053f-4955-927d-0de20616cfbb",
      "started_at": "2026-12-07T06:56:30.402Z",
      "call_type": "discovery",
      "prospect": {
        "name": "Dana",
        "title": "VP of Sales",
        "company": "Acme",
        "industry": "Software"
      },
      "transcript": [
        {
          "speaker": "Jordan",
          "text": "Hi Dana, thanks for making the time today. How are you?",
          "start_ms": 0
        },
        {
          "speaker": "Dana",
          "text": "Doing well, thanks. Busy quarter.",
          "start_ms": 15000
        },
        {
          "speaker": "Jordan",
          "text": "What prompted you to take this call? How does your team handle forecasting today?",
          "start_ms": 30000
        }
      ],
      "speakers": {
        "jordan": "rep",
        "Dana": "prospect"
      }
    },
    "response": {
      "data": {
        "id": "373ee279-c57d-4792-8eba-d87b964d4784",
        "user_id": "1b0c02b9-053f-4955-927d-0de20616cfbb",
        "title": "Discovery with Acme",
        "started_at": "2026-12-07T06:56:30.402Z",
        "call_type": "discovery",
        "prospect": {
          "name": "Dana",
          "title": "VP of Sales",
          "company": "Acme",
          "industry": "Software"
        },
        "transcript_url": null,
        "speakers": {
          "Dana": "prospect",
          "jordan": "rep"
        },
        "status": "pending",
        "failure_reason": null,
        "fetched_at": null,
        "processing_at": null,
        "finished_at": null,
        "created_at": "2026-12-07T06:56:30.524Z",
        "updated_at": "2026-12-07T06:56:30.524Z"
      },
      "error": null,
      "meta": null
    }
  },
  "createRoleplaySession": {
    "body": {
      "user_id": "aeda9bf0-5bcd-43eb-91eb-b5962ed4bc2e",
      "scenario": "A CFO pushes back on price in the final call",
      "call_type": "negotiation",
      "transcript": [
        {
          "speaker": "rep",
          "text": "Thanks for making the time, Dana. How does your team forecast today?",
          "start_ms": 0
        },
        {
          "speaker": "prospect",
          "text": "Spreadsheets, updated by hand every Friday. It is slow and often wrong.",
          "start_ms": 15000
        },
        {
          "speaker": "rep",
          "text": "So accuracy and the time it takes are the pain. Shall we book a demo with your VP?",
          "start_ms": 30000
        }
      ]
    },
    "response": {
      "data": {
        "id": "1983b43f-ceb5-4510-b914-3a68cde01b0a",
        "user_id": "aeda9bf0-5bcd-43eb-91eb-b5962ed4bc2e",
        "scenario": "A CFO pushes back on price in the final call",
        "call_type": "negotiation",
        "status": "pending",
        "failure_reason": null,
        "meeting_id": "d4134bfc-ef6b-4eb7-9918-335cd674e5fc",
        "report_id": null,
        "overall_score": null,
        "created_at": "2026-12-07T06:58:27.381Z",
        "finished_at": null
      },
      "error": null,
      "meta": null
    }
  },
  "createTemplate": {
    "body": {
      "name": "Discovery call",
      "prompt_template": "Grade this discovery call for rapport, open questions and an agreed next step.",
      "grading_criteria": [
        {
          "name": "Rapport",
          "weight": 20
        },
        {
          "name": "Open questions",
          "weight": 40
        },
        {
          "name": "Next step",
          "weight": 40,
          "description": "A dated meeting both sides agreed to"
        }
      ],
      "coaching_tone": "encouraging",
      "call_type": "discovery"
    },
    "response": {
      "data": {
        "id": "f4ed88b2-5a5f-4c3a-94ba-0b906bec74af",
        "name": "Discovery call",
        "description": null,
        "prompt_template": "Grade this discovery call for rapport, open questions and an agreed next step.",
        "grading_criteria": [
          {
            "name": "Rapport",
            "weight": 20
          },
          {
            "name": "Open questions",
            "weight": 40
          },
          {
            "name": "Next step",
            "weight": 40,
            "description": "A dated meeting both sides agreed to"
          }
        ],
        "coaching_tone": "encouraging",
        "call_type": "discovery",
        "industry_context": null,
        "is_active": true,
        "created_at": "2026-12-07T06:58:26.296Z",
        "updated_at": "2026-12-07T06:58:26.296Z"
      },
      "error": null,
      "meta": null
    }
  },
  "createUser": {
    "body": {
      "name": "Ok",
      "email": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com"
    },
    "response": {
      "data": {
        "id": "03374dbe-2534-4681-b308-7fe3dc65cd2a",
        "name": "Ok",
        "email": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
        "created_at": "2026-12-07T06:56:16.765Z"
      },
      "error": null,
      "meta": null
    }
  },
  "deleteTemplate": {
    "response": {
      "data": {
        "id": "7732c24a-91cc-4faf-8258-8aced520d85e",
        "deleted": true,
        "is_active": false
      },
      "error": null,
      "meta": null
    }
  },
  "getInsights": {
    "response": {
      "data": [
        {
          "id": "d0b3ab3a-ef52-451d-beeb-0f9467f1b560",
          "type": "pain_point",
          "summary": "Pain point: struggling",
          "quote": "We are struggling with forecasting accuracy.",
          "meeting_id": "ab16de3c-51f4-4da5-ac98-dc80f101efea",
          "meeting_started_at": "2026-12-05T07:23:10.687Z",
          "prospect_industry": "Software",
          "prospect_title": "VP of Sales",
          "created_at": "2026-12-07T07:23:11.014Z"
        },
        {
          "id": "97e9dfcd-bc35-4e4d-af6e-dc245dce9ec5",
          "type": "pain_point",
          "summary": "Pain point: manually",
          "quote": "Our reps update spreadsheets manually and it is a waste of time.",
          "meeting_id": "ab16de3c-51f4-4da5-ac98-dc80f101efea",
          "meeting_started_at": "2026-12-05T07:23:10.687Z",
          "prospect_industry": "Software",
          "prospect_title": "VP of Sales",
          "created_at": "2026-12-07T07:23:11.014Z"
        },
        {
          "id": "141605ce-5171-4f59-975d-752b18d480c7",
          "type": "competitor",
          "summary": "Competitor named: Clari",
          "quote": "About five hours per rep. We currently use Clari for dashboards but it does not fix the data entry.",
          "meeting_id": "ab16de3c-51f4-4da5-ac98-dc80f101efea",
          "meeting_started_at": "2026-12-05T07:23:10.687Z",
          "prospect_industry": "Software",
          "prospect_title": "VP of Sales",
          "created_at": "2026-12-07T07:23:11.014Z"
        }
      ],
      "error": null,
      "meta": {
        "page": 1,
        "limit": 100,
        "total": 12
      }
    }
  },
  "getMeeting": {
    "response": {
      "data": {
        "id": "8c2cea45-51a0-4a51-a874-638141bd317e",
        "user_id": "2b0fe18d-bda3-41ef-89db-a566f5a7223b",
        "title": "Discovery with Acme",
        "started_at": "2026-12-07T07:22:08.196Z",
        "call_type": "discovery",
        "prospect": {
          "name": "Dana",
          "title": "VP of Sales",
          "company": "Acme",
          "industry": "Software"
        },
        "transcript_url": "http://localhost:3000/good.json",
        "speakers": null,
        "status": "completed",
        "failure_reason": null,
        "fetched_at": "2026-12-07T07:22:08.348Z",
        "processing_at": "2026-12-07T07:22:08.547Z",
        "finished_at": "2026-12-07T07:22:08.754Z",
        "created_at": "2026-12-07T07:22:08.211Z",
        "updated_at": "2026-12-07T07:22:08.754Z",
        "transcript": [
          {
            "text": "Hi Dana, thanks for making the time today. How are you?",
            "speaker": "rep",
            "start_ms": 0
          },
          {
            "text": "Doing well, thanks. Busy quarter.",
            "speaker": "prospect",
            "start_ms": 15000
          },
          {
            "text": "What prompted you to take this call? How does your team handle forecasting today?",
            "speaker": "rep",
            "start_ms": 30000
          }
        ]
      },
      "error": null,
      "meta": null
    }
  },
  "getMeetingReport": {
    "response": {
      "data": [],
      "error": null,
      "meta": {
        "page": 1,
        "limit": 20,
        "total": 0
      }
    }
  },
  "getRoleplaySession": {
    "response": {
      "data": {
        "id": "7284b8db-e2f6-47c3-a3ef-380d53ff52e5",
        "user_id": "bb26dbfa-c6bd-48a4-b962-1f00cb92fd21",
        "scenario": "Discovery with a skeptical CFO",
        "call_type": "discovery",
        "status": "completed",
        "failure_reason": null,
        "meeting_id": "bffbc845-24c3-4197-a860-4bf1bc20c85a",
        "report_id": "e737ade5-8bcb-4fdb-9576-7f19ed555b28",
        "overall_score": 8.5,
        "created_at": "2026-12-07T07:23:11.380Z",
        "finished_at": "2026-12-07T07:23:11.616Z"
      },
      "error": null,
      "meta": null
    }
  },
  "getTeamStats": {
    "response": {
      "data": {
        "time_range": "quarter",
        "team_size": 3,
        "total_meetings": 5,
        "total_reports": 4,
        "average_score": 4.6,
        "top_performers": [
          {
            "user_id": "0174ee18-9402-4496-abc2-6259056d3184",
            "name": "Ann",
            "avg_score": 4.6,
            "report_count": 2
          },
          {
            "user_id": "0cefb02f-9652-4438-b095-8abeb634fb33",
            "name": "Bob",
            "avg_score": 4.6,
            "report_count": 2
          }
        ]
      },
      "error": null,
      "meta": null
    }
  },
  "getTemplate": {
    "response": {
      "data": {
        "id": "7732c24a-91cc-4faf-8258-8aced520d85e",
        "name": "Discovery Call Scoring",
        "description": null,
        "prompt_template": "Evaluate the sales rep...",
        "grading_criteria": [
          {
            "name": "Rapport Building",
            "weight": 25,
            "description": "Warm opening"
          },
          {
            "name": "Needs Discovery",
            "weight": 35,
            "description": "Open questions"
          },
          {
            "name": "Next Steps",
            "weight": 20
          }
        ],
        "coaching_tone": "encouraging",
        "call_type": "discovery",
        "industry_context": "SaaS",
        "is_active": true,
        "created_at": "2026-12-07T06:56:00.947Z",
        "updated_at": "2026-12-07T06:56:00.947Z"
      },
      "error": null,
      "meta": null
    }
  },
  "getTrackers": {
    "response": {
      "data": {
        "competitors": [
          "Gong",
          "Chorus"
        ],
        "products": [
          "Mira Coach"
        ],
        "updated_at": "2026-12-07T06:56:36.835Z"
      },
      "error": null,
      "meta": null
    }
  },
  "listMeetings": {
    "response": {
      "data": [
        {
          "id": "6997d0cc-6be2-42ec-9dc7-9dcbd066e5b3",
          "user_id": "1b0c02b9-053f-4955-927d-0de20616cfbb",
          "title": "Discovery with Acme",
          "started_at": "2026-12-07T06:56:30.680Z",
          "call_type": "discovery",
          "prospect": {
            "name": "Dana",
            "title": "VP of Sales",
            "company": "Acme",
            "industry": "Software"
          },
          "transcript_url": null,
          "speakers": null,
          "status": "completed",
          "failure_reason": null,
          "fetched_at": "2026-12-07T06:56:32.694Z",
          "processing_at": "2026-12-07T06:56:34.029Z",
          "finished_at": "2026-12-07T06:56:35.155Z",
          "created_at": "2026-12-07T06:56:30.814Z",
          "updated_at": "2026-12-07T06:56:35.155Z"
        },
        {
          "id": "3221423d-06a7-496a-9de7-4ef23e18d751",
          "user_id": "1b0c02b9-053f-4955-927d-0de20616cfbb",
          "title": "Discovery with Acme",
          "started_at": "2026-12-07T06:56:30.679Z",
          "call_type": "discovery",
          "prospect": {
            "name": "Dana",
            "title": "VP of Sales",
            "company": "Acme",
            "industry": "Software"
          },
          "transcript_url": null,
          "speakers": null,
          "status": "completed",
          "failure_reason": null,
          "fetched_at": "2026-12-07T06:56:32.685Z",
          "processing_at": "2026-12-07T06:56:34.019Z",
          "finished_at": "2026-12-07T06:56:35.147Z",
          "created_at": "2026-12-07T06:56:30.859Z",
          "updated_at": "2026-12-07T06:56:35.147Z"
        },
        {
          "id": "6e254475-104a-47d1-8e55-893b112f2488",
          "user_id": "1b0c02b9-053f-4955-927d-0de20616cfbb",
          "title": "Discovery with Acme",
          "started_at": "2026-12-07T06:56:30.655Z",
          "call_type": "discovery",
          "prospect": {
            "name": "Dana",
            "title": "VP of Sales",
            "company": "Acme",
            "industry": "Software"
          },
          "transcript_url": null,
          "speakers": null,
          "status": "completed",
          "failure_reason": null,
          "fetched_at": "2026-12-07T06:56:31.839Z",
          "processing_at": "2026-12-07T06:56:32.552Z",
          "finished_at": "2026-12-07T06:56:34.537Z",
          "created_at": "2026-12-07T06:56:30.803Z",
          "updated_at": "2026-12-07T06:56:34.537Z"
        }
      ],
      "error": null,
      "meta": {
        "page": 1,
        "limit": 20,
        "total": 5
      }
    }
  },
  "listReports": {
    "response": {
      "data": [],
      "error": null,
      "meta": {
        "page": 1,
        "limit": 20,
        "total": 0
      }
    }
  },
  "listRoleplaySessions": {
    "response": {
      "data": [
        {
          "id": "b5ad7881-0ec6-4375-bcd1-1f9d70d3f767",
          "user_id": "74ff0f2f-8db3-4376-975d-dbb7169d364f",
          "scenario": "Silent",
          "call_type": "general",
          "status": "no_transcript",
          "failure_reason": null,
          "meeting_id": "43b85e01-6a04-4b4d-a9cd-0926a03373da",
          "report_id": null,
          "overall_score": null,
          "created_at": "2026-12-07T07:23:11.392Z",
          "finished_at": "2026-12-07T07:23:11.456Z"
        },
        {
          "id": "7284b8db-e2f6-47c3-a3ef-380d53ff52e5",
          "user_id": "bb26dbfa-c6bd-48a4-b962-1f00cb92fd21",
          "scenario": "Discovery with a skeptical CFO",
          "call_type": "discovery",
          "status": "completed",
          "failure_reason": null,
          "meeting_id": "bffbc845-24c3-4197-a860-4bf1bc20c85a",
          "report_id": "e737ade5-8bcb-4fdb-9576-7f19ed555b28",
          "overall_score": 8.5,
          "created_at": "2026-12-07T07:23:11.380Z",
          "finished_at": "2026-12-07T07:23:11.616Z"
        }
      ],
      "error": null,
      "meta": {
        "page": 1,
        "limit": 20,
        "total": 2
      }
    }
  },
  "listTemplates": {
    "response": {
      "data": [
        {
          "id": "7732c24a-91cc-4faf-8258-8aced520d85e",
          "name": "Discovery Call Scoring",
          "description": "Now described",
          "prompt_template": "Evaluate the sales rep...",
          "grading_criteria": [
            {
              "name": "Rapport Building",
              "weight": 25,
              "description": "Warm opening"
            },
            {
              "name": "Needs Discovery",
              "weight": 35,
              "description": "Open questions"
            },
            {
              "name": "Next Steps",
              "weight": 20
            }
          ],
          "coaching_tone": "direct",
          "call_type": "discovery",
          "industry_context": "SaaS",
          "is_active": false,
          "created_at": "2026-12-07T06:56:00.947Z",
          "updated_at": "2026-12-07T06:56:01.099Z"
        }
      ],
      "error": null,
      "meta": {
        "page": 1,
        "limit": 20,
        "total": 1
      }
    }
  },
  "listUsers": {
    "response": {
      "data": [
        {
          "id": "b0f6d434-a805-479a-94b9-e54f30ad37af",
          "name": "Rep 0",
          "email": "rep.0.rtml7mi40rc@example.com",
          "created_at": "2026-12-07T06:56:16.893Z"
        },
        {
          "id": "04ab9f04-d986-4533-87a4-2fe72a2ea808",
          "name": "Rep 1",
          "email": "rep.1.3h3zqmpinqx@example.com",
          "created_at": "2026-12-07T06:56:16.913Z"
        },
        {
          "id": "0bb692bb-4fe8-445b-bf48-cf5337432e99",
          "name": "Rep 2",
          "email": "rep.2.2ixwox2xh5v@example.com",
          "created_at": "2026-12-07T06:56:16.971Z"
        }
      ],
      "error": null,
      "meta": {
        "page": 1,
        "limit": 100,
        "total": 3
      }
    }
  },
  "replaceTemplate": {
    "body": {
      "description": "Now described"
    },
    "response": {
      "data": {
        "id": "7732c24a-91cc-4faf-8258-8aced520d85e",
        "name": "Discovery Call Scoring",
        "description": "Now described",
        "prompt_template": "Evaluate the sales rep...",
        "grading_criteria": [
          {
            "name": "Rapport Building",
            "weight": 25,
            "description": "Warm opening"
          },
          {
            "name": "Needs Discovery",
            "weight": 35,
            "description": "Open questions"
          },
          {
            "name": "Next Steps",
            "weight": 20
          }
        ],
        "coaching_tone": "direct",
        "call_type": "discovery",
        "industry_context": "SaaS",
        "is_active": false,
        "created_at": "2026-12-07T06:56:00.947Z",
        "updated_at": "2026-12-07T06:56:01.099Z"
      },
      "error": null,
      "meta": null
    }
  },
  "replaceTrackers": {
    "body": {
      "competitors": [
        "Gong",
        "Chorus"
      ],
      "products": [
        "Mira Coach"
      ]
    },
    "response": {
      "data": {
        "competitors": [
          "Gong",
          "Chorus"
        ],
        "products": [
          "Mira Coach"
        ],
        "updated_at": "2026-12-07T06:56:36.835Z"
      },
      "error": null,
      "meta": null
    }
  },
  "updateTemplate": {
    "body": {
      "coaching_tone": "direct",
      "industry_context": "B2B software, six-figure deals"
    },
    "response": {
      "data": {
        "id": "f4ed88b2-5a5f-4c3a-94ba-0b906bec74af",
        "name": "Discovery call",
        "description": null,
        "prompt_template": "Grade this discovery call for rapport, open questions and an agreed next step.",
        "grading_criteria": [
          {
            "name": "Rapport",
            "weight": 20
          },
          {
            "name": "Open questions",
            "weight": 40
          },
          {
            "name": "Next step",
            "weight": 40,
            "description": "A dated meeting both sides agreed to"
          }
        ],
        "coaching_tone": "direct",
        "call_type": "discovery",
        "industry_context": "B2B software, six-figure deals",
        "is_active": true,
        "created_at": "2026-12-07T06:58:26.296Z",
        "updated_at": "2026-12-07T06:58:26.472Z"
      },
      "error": null,
      "meta": null
    }
  }
};
