/** Written by `npm run examples:record` from requests the integration suite made and their answers; do not edit. */
import { freshFromRecording } from '../openapi-examples';

export const MIRA_RECORDED_EXAMPLES = freshFromRecording({
  "createMeeting": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.033Z",
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
    "recordedAt": "2026-12-07T07:23:16.033Z",
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
    "recordedAt": "2026-12-07T12:12:31.194Z",
    "body": {
      "name": "Alex Morgan",
      "email": "alex.morgan.10hiqtjkz24p@example.com"
    },
    "response": {
      "data": {
        "id": "f32fc572-0920-4bd7-b341-4bbbc9c5365b",
        "name": "Alex Morgan",
        "email": "alex.morgan.10hiqtjkz24p@example.com",
        "created_at": "2026-12-07T12:12:21.143Z"
      },
      "error": null,
      "meta": null
    }
  },
  "deleteTemplate": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.033Z",
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
    "recordedAt": "2026-12-07T12:12:31.194Z",
    "response": {
      "data": [
        {
          "id": "be84ff14-8407-42e3-9d5f-25b9f5a4a62f",
          "meeting_id": "4bb5a368-16ed-4c6a-8b24-be0a0bb70721",
          "roleplay_session_id": null,
          "user_id": "f32fc572-0920-4bd7-b341-4bbbc9c5365b",
          "template": {
            "id": null,
            "name": "Mira default rubric"
          },
          "scorer": "rubric",
          "overall_score": 0,
          "criteria_scores": [
            {
              "name": "Rapport Building",
              "score": 0,
              "weight": 20,
              "feedback": "Not scored: Mira could not tell which speaker is the rep. Label the rep's lines \"rep\" (or Sales Rep, Agent, AE…), use the rep's name as in Mira, or send \"speakers\": {\"<label>\": \"rep\"} with the meeting."
            },
            {
              "name": "Needs Discovery",
              "score": 0,
              "weight": 30,
              "feedback": "Not scored: Mira could not tell which speaker is the rep. Label the rep's lines \"rep\" (or Sales Rep, Agent, AE…), use the rep's name as in Mira, or send \"speakers\": {\"<label>\": \"rep\"} with the meeting."
            },
            {
              "name": "Active Listening",
              "score": 0,
              "weight": 20,
              "feedback": "Not scored: Mira could not tell which speaker is the rep. Label the rep's lines \"rep\" (or Sales Rep, Agent, AE…), use the rep's name as in Mira, or send \"speakers\": {\"<label>\": \"rep\"} with the meeting."
            }
          ],
          "strengths": [],
          "improvements": [],
          "next_steps": [
            "Say who the rep is on the meeting (\"speakers\": {\"<label>\": \"rep\"}) and submit it again."
          ],
          "summary": "Not scored: Mira could not tell which speaker is the rep. Label the rep's lines \"rep\" (or Sales Rep, Agent, AE…), use the rep's name as in Mira, or send \"speakers\": {\"<label>\": \"rep\"} with the meeting.",
          "metrics": {
            "notice": "Not scored: Mira could not tell which speaker is the rep. Label the rep's lines \"rep\" (or Sales Rep, Agent, AE…), use the rep's name as in Mira, or send \"speakers\": {\"<label>\": \"rep\"} with the meeting.",
            "speakers": {
              "rep": [],
              "prospect": [
                "Speaker 1",
                "Speaker 2"
              ],
              "rep_found_by": "none"
            },
            "rep_identified": false
          },
          "created_at": "2026-12-07T12:12:22.491Z"
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
  "getReport": {
    "recordedAt": "2026-12-07T12:12:31.162Z",
    "response": {
      "data": {
        "id": "42c60b36-aa91-455e-9524-2e0928bf956d",
        "meeting_id": "cba26adc-00f6-4dd4-8254-c00bfce60952",
        "roleplay_session_id": null,
        "user_id": "d5f6c593-e3be-46ac-8d96-7d5059af740e",
        "template": {
          "id": null,
          "name": "Discovery"
        },
        "scorer": "rubric",
        "overall_score": 8.4,
        "criteria_scores": [
          {
            "name": "Rapport Building",
            "score": 8.6,
            "weight": 25,
            "feedback": "Good work — 2 rapport-building moments at the opening. The prospect’s refusals and tone weigh this down."
          },
          {
            "name": "Needs Discovery",
            "score": 7.6,
            "weight": 35,
            "feedback": "Good work — 4 open and 1 closed questions, e.g. [00:30] \"What prompted you to take this call?\"; 3 of 4 needs the prospect stated were taken up in the rep's next words: the prospect said [00:45] \"We are struggling with forecasting accuracy.\" and the rep answered [01:00] \"It sounds like the manual spreadsheet updates are hurting your forecasting accuracy.\". The prospect’s refusals and tone weigh this down."
          },
          {
            "name": "Next Steps",
            "score": 9.5,
            "weight": 20,
            "feedback": "Good work — a dated next step was proposed and the prospect agreed ([02:00] \"Could we schedule a demo with your sales ops lead next Tuesday at 10am?\", answer [02:15] \"Yes, Tuesday works for me.\"). The prospect’s refusals and tone weigh this down."
          }
        ],
        "strengths": [
          "Strong on talk ratio: the rep spoke 51% of the words (30-55% is the target).",
          "Strong on an agreed next step: a dated next step was proposed and the prospect agreed ([02:00] \"Could we schedule a demo with your sales ops lead next Tuesday at 10am?\", answer [02:15] \"Yes, Tuesday works for me.\").",
          "Strong on objections acknowledged: 1 of 1 objections acknowledged, e.g. [01:15] \"It is too expensive for what we get.\"."
        ],
        "improvements": [],
        "next_steps": [],
        "summary": "Scored by the Mira rubric scorer (deterministic, no language model) against \"Discovery\": overall 8.4/10. Best moment: the prospect said [00:45] \"We are struggling with forecasting accuracy.\"; the rep took it up: [01:00] \"It sounds like the manual spreadsheet updates are hurting your forecasting accuracy.\". Objection: [01:15] \"It is too expensive for what we get.\". Next step (agreed): [02:00] \"Could we schedule a demo with your sales ops lead next Tuesday at 10am?\"; the prospect: [02:15] \"Yes, Tuesday works for me.\".",
        "metrics": {
          "scores": {
            "rapport": 8.6,
            "nextSteps": 9.5,
            "questions": 8.1,
            "talkRatio": 9.5,
            "monologues": 9.5,
            "objections": 9.5,
            "needsReflected": 7.1
          },
          "nextStep": "agreed",
          "refusals": 0,
          "speakers": {
            "rep": [
              "rep"
            ],
            "prospect": [
              "prospect"
            ],
            "rep_found_by": "label"
          },
          "monologues": 0,
          "needsStated": 4,
          "repTalkRatio": 0.51,
          "openQuestions": 4,
          "emptyQuestions": 0,
          "needsReflected": 3,
          "questionsAsked": 5,
          "rapportSignals": 2,
          "rep_identified": true,
          "closedQuestions": 1,
          "objectionsRaised": 1,
          "prospectSentiment": -0.03,
          "repeatedQuestions": 0,
          "listeningComplaints": 0,
          "longestMonologueWords": 20,
          "objectionsAcknowledged": 1
        },
        "created_at": "2026-12-07T12:12:23.474Z"
      },
      "error": null,
      "meta": null
    }
  },
  "getRoleplaySession": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.593Z",
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
    "recordedAt": "2026-12-07T07:23:16.033Z",
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
});
