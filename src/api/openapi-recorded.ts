/** Written by `npm run examples:record` from requests the integration suite made and their answers; do not edit. */
import { freshFromRecording } from './openapi-examples';

export const RECORDED_EXAMPLES = freshFromRecording({
  "adminApproveSpawnRequest": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "operator": "x139af31912"
    },
    "response": {
      "spawnRequest": {
        "id": "spr_01m97nt6wbaph18g8jmx1epfcg",
        "status": "APPROVED",
        "parentAgentId": "agent_01m97nt6qx73hjkc7dz6j854sn",
        "childAgentId": "agent_01m97nt6wb3xmrw667kkeyz9rb",
        "child": {
          "name": "Pending child",
          "type": "SERVICE_ACCOUNT",
          "permissions": [
            "events:write",
            "events:read",
            "claims:write"
          ],
          "allowedEventTypes": [],
          "allowedEventPatterns": [],
          "rateLimitPerMinute": null,
          "maxBulkItems": null,
          "spawnDepth": 1
        },
        "keyPrefix": "mir_agent_oF5gQ7",
        "approvalReasons": [
          "depth 1 >= 1"
        ],
        "requestedBy": {
          "id": "key_01m97nt6k1fz3jwamh6tyvmk24",
          "type": "api_key"
        },
        "decidedBy": {
          "id": "x139af31912",
          "via": "admin_api",
          "type": "admin"
        },
        "decisionReason": null,
        "workflowId": "spawn-approval:spr_01m97nt6wbaph18g8jmx1epfcg",
        "createdAt": "2026-12-07T07:17:11.692Z",
        "expiresAt": "2026-12-10T07:17:11.708Z",
        "decidedAt": "2026-12-07T07:17:27.691Z"
      },
      "agent": {
        "id": "agent_01m97nt6wb3xmrw667kkeyz9rb",
        "name": "Pending child",
        "type": "SERVICE_ACCOUNT",
        "description": null,
        "status": "ACTIVE",
        "preset": "admin",
        "permissions": [
          "events:write",
          "events:read",
          "claims:write"
        ],
        "allowedEventTypes": [],
        "allowedEventPatterns": [],
        "requireIdempotency": false,
        "maxBulkItems": null,
        "rateLimitPerMinute": null,
        "agentExternalId": null,
        "createdAt": "2026-12-07T07:17:27.691Z",
        "statusReason": null,
        "authMode": "agent_key",
        "keyPrefix": "mir_agent_oF5gQ7",
        "parentId": "agent_01m97nt6qx73hjkc7dz6j854sn",
        "rootId": "agent_01m97nt6qx73hjkc7dz6j854sn",
        "spawnDepth": 1,
        "membershipSource": "SPAWNED",
        "updatedAt": "2026-12-07T07:17:27.691Z",
        "lastUsedAt": null,
        "suspendedAt": null,
        "revokedAt": null
      }
    }
  },
  "adminCreateMiraOrganization": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "name": "x5208850d77"
    },
    "response": {
      "id": "c338e77f-b765-4823-b77b-516946f1ebc9",
      "name": "x5208850d77",
      "key": {
        "id": "5e4b123b-e044-482e-9177-9077886ffaf7",
        "permissions": [
          "read",
          "write"
        ],
        "apiKey": "mira_live_…"
      }
    }
  },
  "adminCreateOrganization": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "name": "Export partner abdc49",
      "plan": "enterprise"
    },
    "response": {
      "id": "org_01m97nz2d21qhryn1cq06ztyke",
      "name": "Export partner abdc49",
      "plan": "enterprise",
      "apiKey": "mir_…",
      "apiKeyId": "key_01m97nz2d3ppfp04f01jyfb3xw"
    }
  },
  "adminCreateOrganizationKey": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "role": "ANALYST",
      "name": "reporting"
    },
    "response": {
      "id": "key_01m97p58tdtn08ppbmnfx1gp3j",
      "role": "ANALYST",
      "name": "reporting",
      "apiKey": "mir_…"
    }
  },
  "adminDeletePolicyAction": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "organizationId": "org_01m97mxeynqwrz1ze7vghapjvh",
      "action": "payout.request",
      "removed": true
    }
  },
  "adminGetOutbox": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "messages": []
    }
  },
  "adminGetRuntime": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "database": {
        "host": "127.0.0.1",
        "port": 5432,
        "database": "mir",
        "user": "postgres"
      },
      "temporal": {
        "address": "127.0.0.1:7233",
        "namespace": "default",
        "taskQueue": "mir",
        "tls": false
      }
    }
  },
  "adminGetWebhookOutbox": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "counts": {
        "undispatched": 1,
        "pending": 78
      },
      "undispatched": [
        {
          "id": "whd_01m97p3zadqxns2qjdvsv8ja9z",
          "organizationId": "org_01m97p3z9rb89vw9nmrhamv3s5",
          "endpointId": "whk_01m97p3za4cmkv83mcnr83ttpf",
          "eventType": "webhook.test",
          "attempts": 0,
          "nextAttemptAt": null,
          "createdAt": "2026-12-07T07:22:31.628Z",
          "ageSeconds": 0
        }
      ],
      "pending": [
        {
          "id": "whd_01m97nbhd7xxsep7dw19va9x8h",
          "organizationId": "org_01m97nacjmwq6mexqnxcrtvjb9",
          "endpointId": "whk_01m97naday0j61fyx3eybhmfhj",
          "eventType": "agent.created",
          "attempts": 0,
          "nextAttemptAt": null,
          "createdAt": "2026-12-07T07:09:10.798Z",
          "ageSeconds": 800.8
        },
        {
          "id": "whd_01m97nbhd76f3a5gv3hcbkctgb",
          "organizationId": "org_01m97nacjmwq6mexqnxcrtvjb9",
          "endpointId": "whk_01m97nadkmcc13sgsvvfeyz1kc",
          "eventType": "agent.created",
          "attempts": 0,
          "nextAttemptAt": null,
          "createdAt": "2026-12-07T07:09:10.798Z",
          "ageSeconds": 800.8
        },
        {
          "id": "whd_01m97nbhd7vwy8a5bfhttf2ym3",
          "organizationId": "org_01m97nacjmwq6mexqnxcrtvjb9",
          "endpointId": "whk_01m97nadng8jmg3z8hvd76dt8h",
          "eventType": "agent.created",
          "attempts": 0,
          "nextAttemptAt": null,
          "createdAt": "2026-12-07T07:09:10.798Z",
          "ageSeconds": 800.8
        }
      ]
    }
  },
  "adminListWorkflowStarts": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "counts": {
        "waiting": 9,
        "failing": 0,
        "retryingDeliveries": 78
      },
      "starts": [
        {
          "id": "afabd374-7117-48c9-9ad0-9e1ff20ac35d",
          "workflowType": "erasureWorkflow",
          "workflowId": "erasure:acct_01m97n131s7dgjq6275qsgxa3c",
          "taskQueue": "mir-erasure-outbox-e18710e6-d26f-4ce9-bb03-4ad2461154ff",
          "searchAttributes": {
            "MirOrgId": "none",
            "MirUserId": "acct_01m97n131s7dgjq6275qsgxa3c",
            "MirOperation": "erasure"
          },
          "signal": "erasureChanged",
          "attempts": 0,
          "lastError": null,
          "nextAttemptAt": "2026-12-07T07:03:32.700Z",
          "createdAt": "2026-12-07T07:03:32.700Z",
          "ageSeconds": 1042.2
        },
        {
          "id": "acf9e977-7e1a-4781-8899-4cfc1032238e",
          "workflowType": "erasureWorkflow",
          "workflowId": "erasure:acct_01m97n131s7dgjq6275qsgxa3c",
          "taskQueue": "mir-erasure-outbox-e18710e6-d26f-4ce9-bb03-4ad2461154ff",
          "searchAttributes": {
            "MirOrgId": "none",
            "MirUserId": "acct_01m97n131s7dgjq6275qsgxa3c",
            "MirOperation": "erasure"
          },
          "signal": "erasureChanged",
          "attempts": 0,
          "lastError": null,
          "nextAttemptAt": "2026-12-07T07:03:32.889Z",
          "createdAt": "2026-12-07T07:03:32.889Z",
          "ageSeconds": 1042
        },
        {
          "id": "5c95953d-bbad-4ca4-b210-7b0dfed51fce",
          "workflowType": "spawnApprovalWorkflow",
          "workflowId": "spawn-approval:spr_01m97p0zvx1vp9mzdjgdnd77qs",
          "taskQueue": "mir-outbox-ee7d2d9c-9af5-49ca-bcf4-9c52d0b41be8",
          "searchAttributes": {
            "MirOrgId": "org_01m97p0zkvpkx01ycyh66n9nfa",
            "MirAgentId": "agent_01m97p0zmvxwmcd3mz61t8neav",
            "MirOperation": "spawn-approval"
          },
          "signal": null,
          "attempts": 0,
          "lastError": null,
          "nextAttemptAt": "2026-12-07T07:20:53.887Z",
          "createdAt": "2026-12-07T07:20:53.887Z",
          "ageSeconds": 1
        }
      ],
      "retryingDeliveries": [
        {
          "id": "whd_01m97nbhd7xxsep7dw19va9x8h",
          "organizationId": "org_01m97nacjmwq6mexqnxcrtvjb9",
          "eventType": "agent.created",
          "attempts": 0,
          "nextAttemptAt": null,
          "ageSeconds": 704.1
        },
        {
          "id": "whd_01m97nbhd76f3a5gv3hcbkctgb",
          "organizationId": "org_01m97nacjmwq6mexqnxcrtvjb9",
          "eventType": "agent.created",
          "attempts": 0,
          "nextAttemptAt": null,
          "ageSeconds": 704.1
        },
        {
          "id": "whd_01m97nbhd7vwy8a5bfhttf2ym3",
          "organizationId": "org_01m97nacjmwq6mexqnxcrtvjb9",
          "eventType": "agent.created",
          "attempts": 0,
          "nextAttemptAt": null,
          "ageSeconds": 704.1
        }
      ]
    }
  },
  "adminRevokeOrganizationKey": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "id": "key_01m97mhzfx0ztyt7eqv4zttcr5",
      "revoked": true,
      "revokedAt": "2026-12-07T06:55:13.524Z"
    }
  },
  "adminRunDiagnosticWorkflow": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "workflowId": "smoke:smk_01m97mz63wvk48w5zjgc3xbdw4",
      "pingId": "smk_01m97mz63wvk48w5zjgc3xbdw4",
      "recordedAt": "2026-12-07T07:02:26.246Z"
    }
  },
  "adminSetPolicyAction": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "description": "Rotate a credential",
      "required_tier": 0,
      "fail_behavior": "limit",
      "limits": {
        "max_per_hour": 5
      },
      "agent": {
        "decision": "step_up"
      },
      "service": {
        "decision": "limit",
        "limits": {
          "max_per_hour": 2
        }
      },
      "rules": [
        {
          "id": "bulk_rotation",
          "when": [
            {
              "field": "count",
              "op": "gte",
              "value": 10
            }
          ],
          "decision": "deny",
          "reason": "context_rule_matched"
        }
      ]
    },
    "response": {
      "organizationId": "org_01m97p1wn5qhg1h46j35fyh96p",
      "action": "credential.rotate",
      "config": {
        "description": "Rotate a credential",
        "required_tier": 0,
        "fail_behavior": "limit",
        "limits": {
          "max_per_hour": 5
        },
        "agent": {
          "decision": "step_up"
        },
        "service": {
          "decision": "limit",
          "limits": {
            "max_per_hour": 2
          }
        },
        "rules": [
          {
            "id": "bulk_rotation",
            "when": [
              {
                "field": "count",
                "op": "gte",
                "value": 10
              }
            ],
            "decision": "deny",
            "reason": "context_rule_matched"
          }
        ]
      }
    }
  },
  "adminUpdateOrganizationLimits": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "partnerRateLimitPerMinute": null
    },
    "response": {
      "organizationId": "org_01m97myb02j9crh5yx6dnj4jbf",
      "partnerRateLimitPerMinute": null
    }
  },
  "approveSpawnRequest": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "reason": "looks fine"
    },
    "response": {
      "spawnRequest": {
        "id": "spr_01m97p28a0p50s9s6tkhdsxfry",
        "status": "APPROVED",
        "parentAgentId": "agent_01m97p289ghs8ggscsrvsd357x",
        "childAgentId": "agent_01m97p28a0apv9j0f6wa26n0xz",
        "child": {
          "name": "depth 2",
          "type": "AI_AGENT",
          "permissions": [
            "events:write"
          ],
          "allowedEventTypes": [
            "transaction.completed",
            "transaction.refunded"
          ],
          "allowedEventPatterns": [
            "review.*"
          ],
          "rateLimitPerMinute": 100,
          "maxBulkItems": 25,
          "spawnDepth": 2
        },
        "keyPrefix": "mir_agent_d9CBsK",
        "approvalReasons": [
          "depth 2 >= 2"
        ],
        "requestedBy": {
          "id": "agent_01m97p289ghs8ggscsrvsd357x",
          "type": "agent"
        },
        "decidedBy": {
          "id": "key_01m97p288eah9g4yr69be75qjh",
          "via": "api",
          "type": "api_key"
        },
        "decisionReason": "looks fine",
        "workflowId": "spawn-approval:spr_01m97p28a0p50s9s6tkhdsxfry",
        "createdAt": "2026-12-07T07:21:35.296Z",
        "expiresAt": "2026-12-10T07:21:35.297Z",
        "decidedAt": "2026-12-07T07:21:35.412Z"
      },
      "agent": {
        "id": "agent_01m97p28a0apv9j0f6wa26n0xz",
        "name": "depth 2",
        "type": "AI_AGENT",
        "description": null,
        "status": "ACTIVE",
        "preset": "event_emitter",
        "permissions": [
          "events:write"
        ],
        "allowedEventTypes": [
          "transaction.completed",
          "transaction.refunded"
        ],
        "allowedEventPatterns": [
          "review.*"
        ],
        "requireIdempotency": true,
        "maxBulkItems": 25,
        "rateLimitPerMinute": 100,
        "agentExternalId": null,
        "createdAt": "2026-12-07T07:21:35.412Z",
        "statusReason": null,
        "authMode": "agent_key",
        "keyPrefix": "mir_agent_d9CBsK",
        "parentId": "agent_01m97p289ghs8ggscsrvsd357x",
        "rootId": "agent_01m97p288yzbbrw3njftxgsykp",
        "spawnDepth": 2,
        "membershipSource": "SPAWNED",
        "updatedAt": "2026-12-07T07:21:35.412Z",
        "lastUsedAt": null,
        "suspendedAt": null,
        "revokedAt": null
      }
    }
  },
  "cancelMemberInvite": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "id": "minv_01m97p0ph3a1r04gcy0qct84a9",
      "email": "p179662804323831113e@example.com",
      "status": "REMOVED",
      "createdAt": "2026-12-07T07:20:44.319Z",
      "claimedAt": "2026-12-07T07:20:44.319Z",
      "importSource": "operator"
    }
  },
  "cancelMyErasure": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "erasureId": "era_01m97mzqx4w3a5pay6gz4enrde",
      "status": "CANCELLED",
      "requestedAt": "2026-12-07T07:02:44.353Z",
      "erasesAt": "2026-12-14T07:02:44.353Z",
      "cancelledAt": "2026-12-07T07:03:01.335Z"
    }
  },
  "confirmPasswordReset": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "token": "mir_pr_…",
      "password": "correct horse battery staple"
    },
    "response": {
      "passwordReset": true
    }
  },
  "createAgent": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "name": "Checkout Bot",
      "type": "AI_AGENT",
      "preset": "event_emitter",
      "allowedEventTypes": [
        "transaction.completed",
        "transaction.refunded"
      ],
      "allowedEventPatterns": [
        "review.*"
      ],
      "rateLimitPerMinute": 100,
      "agentExternalId": "checkout-bot",
      "generateKey": false
    },
    "response": {
      "id": "agent_01m97mj59vvp07c6hr9e6qwm15",
      "name": "Checkout Bot",
      "type": "AI_AGENT",
      "description": null,
      "status": "ACTIVE",
      "preset": "event_emitter",
      "permissions": [
        "events:write"
      ],
      "allowedEventTypes": [
        "transaction.completed",
        "transaction.refunded"
      ],
      "allowedEventPatterns": [
        "review.*"
      ],
      "requireIdempotency": true,
      "maxBulkItems": 25,
      "rateLimitPerMinute": 100,
      "agentExternalId": "checkout-bot",
      "createdAt": "2026-12-07T06:55:19.317Z",
      "apiKey": null,
      "message": "No API key generated: authenticate with a partner key and x-mir-agent-id."
    }
  },
  "createApiKey": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "role": "ANALYST",
      "name": "Reporting dashboard"
    },
    "response": {
      "id": "key_01m97mqtz8e9rmsjnx21gdyvk3",
      "name": "Reporting dashboard",
      "role": "ANALYST",
      "prefix": "mir_Xe18np",
      "createdAt": "2026-12-07T06:58:25.376Z",
      "lastUsedAt": null,
      "revokedAt": null,
      "apiKey": "mir_…"
    }
  },
  "createLinkCode": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "userId": "ext-c-acct_01m97ny0516th82x6kt47m8kq9"
    },
    "response": {
      "code": "NSRC-DHPG",
      "expiresAt": "2026-12-07T07:29:17.743Z"
    }
  },
  "createLinkInvite": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "userId": "reserved-8f1ae54c-e563-4201-b9a0-ac565c6a97ab"
    },
    "response": {
      "inviteId": "linv_01m97mywgsd5kfbnbw2vzhfmjb",
      "inviteUrl": "http://localhost:3000/link/PgK95KJ1_IKQ3mpwJPSDyEhH4fSEs8pfQ7gUvI93_uQ",
      "expiresAt": "2026-12-14T07:02:16.345Z"
    }
  },
  "createMyExport": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "exportId": "exp_01m97p0bpgj1s198c9cd1hm65f"
    }
  },
  "createRegulation": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "type": "SUPPRESS",
      "userIds": [
        "o'brien; drop table events;--",
        "%",
        "_"
      ]
    },
    "response": {
      "regulationId": "reg_01m97p0zc03wk35s0qv99d6hay",
      "type": "SUPPRESS",
      "status": "RUNNING"
    }
  },
  "createWebhook": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "url": "http://localhost:3000/services/T000/B000/Tka3e6f2debc1d40718bda9b32b1a64e01?token=qs-9f8e7d6c5b4a",
      "eventTypes": [
        "link.confirmed"
      ]
    },
    "response": {
      "id": "whk_01m97mm04cd4ykapp2hs8n1can",
      "url": "http://localhost:3000/services/T000/B000/Tka3e6f2debc1d40718bda9b32b1a64e01?token=qs-9f8e7d6c5b4a",
      "description": null,
      "eventTypes": [
        "link.confirmed"
      ],
      "enabled": true,
      "disabledReason": null,
      "disabledAt": null,
      "failingSince": null,
      "previousSecretExpiresAt": null,
      "createdAt": "2026-12-07T06:56:19.573Z",
      "updatedAt": "2026-12-07T06:56:19.573Z",
      "secret": "whsec_…"
    }
  },
  "deleteWebhook": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "id": "whk_01m97p3sj19p4rr233aq36afth",
      "deleted": true
    }
  },
  "downloadMyExport": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "format": "mir-data-export/1",
      "exportId": "exp_test9a548affe55f48b649b8",
      "createdAt": "2026-12-07T07:20:28.157Z",
      "account": {
        "id": "acct_01m97p05a08h1h6e2y4gnxgsvf",
        "email": "p1796628026296ilygbk@example.com",
        "emailVerifiedAt": "2026-12-07T07:20:27.100Z",
        "createdAt": "2026-12-07T07:20:26.688Z"
      },
      "links": [
        {
          "linkId": "link_01m97p06p2nwm4hgp99qbjzetx",
          "partner": {
            "id": "org_01m97p06c3e4wya9fzkagbewn6",
            "name": "Export partner 3bf17c"
          },
          "yourIdThere": "ext-05e47706b27e80c4",
          "method": "code",
          "linkedAt": "2026-12-07T07:20:28.091Z",
          "unlinkedAt": null
        }
      ],
      "memberships": [],
      "credentials": [],
      "events": [
        {
          "id": "evt_01m97p06ct1k3qgcng3q5m7a0c",
          "partner": {
            "id": "org_01m97p06c3e4wya9fzkagbewn6",
            "name": "Export partner 3bf17c"
          },
          "type": "review.posted",
          "significance": "normal",
          "data": {
            "n": 9
          },
          "occurredAt": "2026-12-07T07:20:27.801Z",
          "receivedAt": "2026-12-07T07:20:27.803Z"
        },
        {
          "id": "evt_01m97p06ct2j151rbq04d1b7dr",
          "partner": {
            "id": "org_01m97p06c3e4wya9fzkagbewn6",
            "name": "Export partner 3bf17c"
          },
          "type": "review.posted",
          "significance": "normal",
          "data": {
            "n": 1
          },
          "occurredAt": "2026-12-07T07:20:27.801Z",
          "receivedAt": "2026-12-07T07:20:27.803Z"
        },
        {
          "id": "evt_01m97p06ct2jzk2rxmyr09wn7y",
          "partner": {
            "id": "org_01m97p06c3e4wya9fzkagbewn6",
            "name": "Export partner 3bf17c"
          },
          "type": "review.posted",
          "significance": "normal",
          "data": {
            "n": 22
          },
          "occurredAt": "2026-12-07T07:20:27.801Z",
          "receivedAt": "2026-12-07T07:20:27.803Z"
        }
      ],
      "accessLog": [],
      "audit": [
        {
          "id": "aud_01m97p06p5d2z05nwxmk7mvnb6",
          "organization": {
            "id": "org_01m97p06c3e4wya9fzkagbewn6",
            "name": "Export partner 3bf17c"
          },
          "actorType": "user",
          "action": "link.confirmed",
          "target": {
            "type": "partner_user",
            "id": "usr_01m97p06ct09dzsmj4pv6nj6te"
          },
          "details": {
            "via": "code",
            "requestId": "lcode_01m97p06d334r2rfe9w7zjazbc"
          },
          "at": "2026-12-07T07:20:28.091Z"
        }
      ]
    }
  },
  "evaluatePolicy": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "actor": {
        "id": "agent_01m97p1wpbtc6drx185t0htjq0",
        "type": "service"
      },
      "action": "credential.rotate",
      "context": {
        "count": 12
      }
    },
    "response": {
      "decision": "deny",
      "reasons": [
        "context_rule_matched"
      ],
      "actor_tier": null,
      "action_config": {
        "action": "credential.rotate",
        "description": "Rotate a credential",
        "required_tier": 0,
        "fail_behavior": "limit",
        "limits": {
          "max_per_hour": 5
        }
      },
      "decision_id": "dec_01m97p1wqny4222wwmnxxxpgtv"
    }
  },
  "evaluatePolicyBulk": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "evaluations": [
        {
          "actor_id": "console-actor-0",
          "action": "message.send"
        },
        {
          "actor_id": "console-actor-1",
          "action": "checkout.complete"
        },
        {
          "actor_id": "console-actor-2",
          "action": "message.send"
        }
      ]
    },
    "response": {
      "summary": {
        "total": 12,
        "allow": 0,
        "deny": 0,
        "step_up": 6,
        "limit": 6,
        "errors": 0
      },
      "results": [
        {
          "index": 0,
          "status": "evaluated",
          "decision": "limit",
          "reasons": [
            "no_history"
          ],
          "actor_tier": 0,
          "limits": {
            "max_per_hour": 20
          },
          "action_config": {
            "action": "message.send",
            "description": "Send a message to another user",
            "required_tier": 0,
            "fail_behavior": "limit",
            "limits": {
              "max_per_hour": 20
            }
          },
          "decision_id": "dec_01m97p18ktnhx32r7bqmq3j9vg"
        },
        {
          "index": 1,
          "status": "evaluated",
          "decision": "step_up",
          "reasons": [
            "tier_below_required"
          ],
          "actor_tier": 0,
          "action_config": {
            "action": "checkout.complete",
            "description": "Complete a purchase",
            "required_tier": 1,
            "fail_behavior": "step_up"
          },
          "decision_id": "dec_01m97p18kthxkmt3frpf1xhm6e"
        },
        {
          "index": 2,
          "status": "evaluated",
          "decision": "limit",
          "reasons": [
            "no_history"
          ],
          "actor_tier": 0,
          "limits": {
            "max_per_hour": 20
          },
          "action_config": {
            "action": "message.send",
            "description": "Send a message to another user",
            "required_tier": 0,
            "fail_behavior": "limit",
            "limits": {
              "max_per_hour": 20
            }
          },
          "decision_id": "dec_01m97p18kt9vpq77jv11k3y6ef"
        }
      ]
    }
  },
  "getAgent": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "id": "agent_01m97myzxbjngt6eb018dc19ad",
      "name": "kid",
      "type": "SERVICE_ACCOUNT",
      "description": null,
      "status": "ACTIVE",
      "preset": null,
      "permissions": [
        "events:write",
        "users:resolve",
        "audit:read"
      ],
      "allowedEventTypes": [],
      "allowedEventPatterns": [],
      "requireIdempotency": false,
      "maxBulkItems": null,
      "rateLimitPerMinute": null,
      "agentExternalId": null,
      "createdAt": "2026-12-07T07:02:19.820Z",
      "statusReason": null,
      "authMode": "agent_key",
      "keyPrefix": "mir_agent_NdFihw",
      "parentId": "agent_01m97myztn68fxda109pdpb387",
      "rootId": "agent_01m97myztn68fxda109pdpb387",
      "spawnDepth": 1,
      "membershipSource": "SPAWNED",
      "updatedAt": "2026-12-07T07:02:19.820Z",
      "lastUsedAt": "2026-12-07T07:02:19.887Z",
      "suspendedAt": null,
      "revokedAt": null
    }
  },
  "getAgentLineage": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "agent": {
        "id": "agent_01m97msbnfwtysjaqejq8nwzep",
        "name": "d3-9",
        "type": "SERVICE_ACCOUNT",
        "description": null,
        "status": "ACTIVE",
        "preset": "reconciler",
        "permissions": [
          "events:write",
          "events:read"
        ],
        "allowedEventTypes": [],
        "allowedEventPatterns": [],
        "requireIdempotency": false,
        "maxBulkItems": null,
        "rateLimitPerMinute": null,
        "agentExternalId": null,
        "createdAt": "2026-12-07T06:59:15.251Z",
        "statusReason": null,
        "authMode": "agent_key",
        "keyPrefix": "mir_agent_Tceqvw",
        "parentId": "agent_01m97mpfhnpbbkq7hkt4akcgz7",
        "rootId": "agent_01m97mp72z2da14dc4febfb3bc",
        "spawnDepth": 3,
        "membershipSource": "SPAWNED",
        "updatedAt": "2026-12-07T06:59:15.251Z",
        "lastUsedAt": null,
        "suspendedAt": null,
        "revokedAt": null
      },
      "ancestors": [
        {
          "id": "agent_01m97mp72z2da14dc4febfb3bc",
          "name": "Orchestrator",
          "type": "SERVICE_ACCOUNT",
          "status": "ACTIVE",
          "parentId": null,
          "rootId": null,
          "spawnDepth": 0,
          "membershipSource": "CREATED",
          "createdAt": "2026-12-07T06:57:32.253Z"
        },
        {
          "id": "agent_01m97mp7e7vg77jrj96a20ygrz",
          "name": "d1-9",
          "type": "SERVICE_ACCOUNT",
          "status": "ACTIVE",
          "parentId": "agent_01m97mp72z2da14dc4febfb3bc",
          "rootId": "agent_01m97mp72z2da14dc4febfb3bc",
          "spawnDepth": 1,
          "membershipSource": "SPAWNED",
          "createdAt": "2026-12-07T06:57:32.645Z"
        },
        {
          "id": "agent_01m97mpfhnpbbkq7hkt4akcgz7",
          "name": "d2-9",
          "type": "SERVICE_ACCOUNT",
          "status": "ACTIVE",
          "parentId": "agent_01m97mp7e7vg77jrj96a20ygrz",
          "rootId": "agent_01m97mp72z2da14dc4febfb3bc",
          "spawnDepth": 2,
          "membershipSource": "SPAWNED",
          "createdAt": "2026-12-07T06:57:40.924Z"
        }
      ],
      "children": [],
      "depth": 3
    }
  },
  "getAgentTree": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "roots": [
        {
          "id": "agent_01m97mm0dz9frhqx21d8s3jy3t",
          "name": "root 2",
          "type": "SERVICE_ACCOUNT",
          "status": "ACTIVE",
          "parentId": null,
          "rootId": null,
          "spawnDepth": 0,
          "membershipSource": "CREATED",
          "createdAt": "2026-12-07T06:56:19.903Z",
          "children": [
            {
              "id": "agent_01m97mm0eww0wsry64rmx4ttbs",
              "name": "child of 2",
              "type": "SERVICE_ACCOUNT",
              "status": "ACTIVE",
              "parentId": "agent_01m97mm0dz9frhqx21d8s3jy3t",
              "rootId": "agent_01m97mm0dz9frhqx21d8s3jy3t",
              "spawnDepth": 1,
              "membershipSource": "SPAWNED",
              "createdAt": "2026-12-07T06:56:19.933Z",
              "children": []
            }
          ]
        },
        {
          "id": "agent_01m97mm06mpvc8zp3s3ygkyw9x",
          "name": "root 1",
          "type": "SERVICE_ACCOUNT",
          "status": "ACTIVE",
          "parentId": null,
          "rootId": null,
          "spawnDepth": 0,
          "membershipSource": "CREATED",
          "createdAt": "2026-12-07T06:56:19.666Z",
          "children": [
            {
              "id": "agent_01m97mm0c0kwjdxt8wpbzn7bsr",
              "name": "child of 1",
              "type": "SERVICE_ACCOUNT",
              "status": "ACTIVE",
              "parentId": "agent_01m97mm06mpvc8zp3s3ygkyw9x",
              "rootId": "agent_01m97mm06mpvc8zp3s3ygkyw9x",
              "spawnDepth": 1,
              "membershipSource": "SPAWNED",
              "createdAt": "2026-12-07T06:56:19.841Z",
              "children": []
            }
          ]
        }
      ],
      "total": 4,
      "nextCursor": "WyIyMDI2LTEyLTA3VDA2OjU2OjE5LjY2NloiLCJhZ2VudF8wMW05N21tMDZtcHZjOHpwM3MzeWdreXc5eCJd"
    }
  },
  "getCurrentAgent": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "id": "agent_01m97mnry2bsjzjwdvtkya8nzk",
      "name": "grandchild",
      "type": "SERVICE_ACCOUNT",
      "description": null,
      "status": "ACTIVE",
      "preset": null,
      "permissions": [
        "events:write",
        "events:read",
        "users:resolve"
      ],
      "allowedEventTypes": [],
      "allowedEventPatterns": [],
      "requireIdempotency": false,
      "maxBulkItems": null,
      "rateLimitPerMinute": null,
      "agentExternalId": null,
      "createdAt": "2026-12-07T06:57:17.775Z",
      "statusReason": null,
      "authMode": "agent_key",
      "keyPrefix": "mir_agent_hHQd9M",
      "parentId": "agent_01m97mnrncf87rsxn4ekq3k8pz",
      "rootId": "agent_01m97mnreh568g8rysbndfpe55",
      "spawnDepth": 2,
      "membershipSource": "SPAWNED",
      "updatedAt": "2026-12-07T06:57:17.775Z",
      "lastUsedAt": "2026-12-07T06:57:18.648Z",
      "suspendedAt": null,
      "revokedAt": null,
      "effective": {
        "permissions": [
          "events:write",
          "events:read",
          "users:resolve"
        ],
        "rateLimitPerMinute": 600,
        "maxBulkItems": null
      }
    }
  },
  "getHealth": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "status": "ok"
    }
  },
  "getIssuerKeys": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "keys": [
        {
          "x": "GRPzgumfw8ZT7M8P0QyBipfnVFIoC3WrUjolRYJMJRU",
          "y": "InlLhzUWfEy_52PdL3UAzifag5tB-axBye53sT8tQgQ",
          "alg": "ES256",
          "crv": "P-256",
          "kid": "0Gx7EsPxGqotqhO1Tang3RCLQ_2mpoljx42gigW4MQY",
          "kty": "EC",
          "use": "sig"
        }
      ]
    }
  },
  "getIssuerMetadata": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "issuer": "http://localhost:3000",
      "jwks": {
        "keys": [
          {
            "x": "GRPzgumfw8ZT7M8P0QyBipfnVFIoC3WrUjolRYJMJRU",
            "y": "InlLhzUWfEy_52PdL3UAzifag5tB-axBye53sT8tQgQ",
            "alg": "ES256",
            "crv": "P-256",
            "kid": "0Gx7EsPxGqotqhO1Tang3RCLQ_2mpoljx42gigW4MQY",
            "kty": "EC",
            "use": "sig"
          }
        ]
      }
    }
  },
  "getLinkStatus": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "userId": "ext-b02912cf22d8df48-second",
      "linked": false
    }
  },
  "getMe": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "id": "acct_01m97m2xrgayd81hky09dne1x6",
      "email": "person.1796626018645.fd0exh@example.com",
      "emailVerified": false
    }
  },
  "getMyAccessLog": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "entries": [],
      "nextCursor": null
    }
  },
  "getMyErasure": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "erasureId": "era_01m97p4zzqzt3bpy53m1z8e70m",
      "status": "CANCELLED",
      "requestedAt": "2026-12-07T07:23:05.075Z",
      "erasesAt": "2026-12-14T07:23:05.075Z",
      "cancelledAt": "2026-12-07T07:23:05.102Z"
    }
  },
  "getMyExport": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "exportId": "exp_01m97p0kn3capq6cejd5hdh648",
      "status": "EXPIRED",
      "createdAt": "2026-12-07T07:20:41.373Z",
      "readyAt": "2026-12-07T07:20:41.640Z",
      "expiresAt": "2026-12-07T07:20:40.681Z",
      "size": null
    }
  },
  "getMyHistory": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "tier": 0,
      "tierLabel": "none",
      "eventCount": 0,
      "partnerCount": 0,
      "firstEventAt": null,
      "lastEventAt": null,
      "daysSinceFirstEvent": null,
      "daysSinceLastEvent": null,
      "partners": []
    }
  },
  "getPolicyAction": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "action": "checkout.complete",
      "description": "Complete a purchase",
      "required_tier": 1,
      "fail_behavior": "step_up",
      "agent": {
        "decision": "step_up"
      },
      "service": {
        "decision": "allow"
      },
      "rules": [
        {
          "id": "high_value_first_order",
          "when": [
            {
              "field": "is_first_order",
              "op": "eq",
              "value": true
            },
            {
              "field": "amount_usd",
              "op": "gt",
              "value": 250
            }
          ],
          "decision": "step_up",
          "reason": "high_value_first_order"
        }
      ],
      "source": "default"
    }
  },
  "getPolicyHealth": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "status": "ok",
      "service": "policy",
      "organizationId": "org_01m97mz7a0b9t3cy7d9m17pyyr",
      "time": "2026-12-07T07:02:27.429Z"
    }
  },
  "getReadiness": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "status": "ready",
      "checks": {
        "postgres": "up",
        "temporal": "up"
      }
    }
  },
  "getRegulation": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "regulationId": "reg_01m97p0xw5h66v9v97ht7r74mb",
      "type": "SUPPRESS_WITH_DELETE",
      "status": "COMPLETED",
      "counts": {
        "users": 40,
        "events": 0,
        "decisions": 0,
        "linksEnded": 0
      },
      "workflowId": "regulation:reg_01m97p0xw5h66v9v97ht7r74mb",
      "createdAt": "2026-12-07T07:20:51.809Z",
      "completedAt": "2026-12-07T07:20:52.084Z",
      "failure": null
    }
  },
  "getRevocation": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "operationId": "rvk_01m97n3m8ha8xkwmy2nw31s3pt",
      "rootAgentId": "agent_01m97n1nrbm0qd9swfwssmykah",
      "total": 1111,
      "revoked": 1111,
      "status": "COMPLETED",
      "workflowId": "revoke-descendants:agent_01m97n1nrbm0qd9swfwssmykah:rvk_01m97n3m8ha8xkwmy2nw31s3pt",
      "createdAt": "2026-12-07T07:04:51.699Z",
      "completedAt": "2026-12-07T07:05:22.059Z"
    }
  },
  "getSettings": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "settings": {
        "enforceAgentAuth": false,
        "agentRateLimitPerMinute": 321,
        "linkInviteTtlSeconds": null,
        "spawnPolicy": {
          "enabled": true,
          "maxDepth": 3,
          "requireApprovalForPermissions": [
            "events:read"
          ]
        },
        "linkRedirectOrigins": [
          "https://partner.example",
          "https://other.example:8443"
        ]
      }
    }
  },
  "getSpawnRequest": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "id": "spr_01m97nzyy3dephqkwezvyxtswj",
      "status": "REJECTED",
      "parentAgentId": "agent_01m97nzxt08p5y15qgrbe0fas1",
      "childAgentId": "agent_01m97nzyy326q75df0qxcx15ve",
      "child": {
        "name": "own",
        "type": "SERVICE_ACCOUNT",
        "permissions": [
          "events:read"
        ],
        "allowedEventTypes": [],
        "allowedEventPatterns": [],
        "rateLimitPerMinute": null,
        "maxBulkItems": null,
        "spawnDepth": 1
      },
      "keyPrefix": "mir_agent_8q2pxI",
      "approvalReasons": [
        "permissions events:read"
      ],
      "requestedBy": {
        "id": "acct_01m97nzwm539psabde2p96jcck",
        "type": "user"
      },
      "decidedBy": {
        "id": "acct_01m97nzwkjz4za4c2fbmz2eba4",
        "via": "session",
        "type": "user"
      },
      "decisionReason": "not now",
      "workflowId": "spawn-approval:spr_01m97nzyy3dephqkwezvyxtswj",
      "createdAt": "2026-12-07T07:20:20.164Z",
      "expiresAt": "2026-12-10T07:20:20.165Z",
      "decidedAt": "2026-12-07T07:20:20.651Z"
    }
  },
  "getWebhook": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "id": "whk_01m97mm04cd4ykapp2hs8n1can",
      "url": "http://localhost:3000/services/T000/B000/Tka3e6f2debc1d40718bda9b32b1a64e01?token=qs-9f8e7d6c5b4a",
      "description": null,
      "eventTypes": [
        "link.confirmed"
      ],
      "enabled": true,
      "disabledReason": null,
      "disabledAt": null,
      "failingSince": null,
      "previousSecretExpiresAt": null,
      "createdAt": "2026-12-07T06:56:19.573Z",
      "updatedAt": "2026-12-07T06:56:19.573Z"
    }
  },
  "importMembers": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {},
    "response": {
      "message": "Import completed",
      "results": {
        "imported": 0,
        "alreadyImported": 0,
        "autoLinked": 0,
        "invalid": 0,
        "byRole": {
          "members": 0,
          "analysts": 0,
          "admins": 0
        },
        "errors": []
      }
    }
  },
  "issueMyCredential": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "disclose": [
        "tier",
        "eventCount",
        "partnerCount"
      ],
      "expiresInDays": 90
    },
    "response": {
      "id": "vc_01m97nvw6mdtnbt0c8prbcvc4y",
      "credential": "eyJ0eXAiOiJkYytzZC1qd3QiLCJraWQiOiIwR3g3RXNQeEdxb3RxaE8xVGFuZzNSQ0xRXzJtcG9sang0MmdpZ1c0TVFZIiwiYWxnIjoiRVMyNTYifQ.eyJpc3MiOiJodHRwOi8vbG9jYWxob3N0OjM4MDA1IiwidmN0IjoidXJuOm1pcjp2Y3Q6cGFydGljaXBhdGlvbi1oaXN0b3J5OjEiLCJpYXQiOjE3OTY2Mjc4ODYsImV4cCI6MTgwNDQwMzg4NiwianRpIjoiNDhjYmVmZmUtZmU5YS00MmIyLTljMjktYjJkMGZlMTZkYTc5Iiwic3RhdHVzIjp7InN0YXR1c19saXN0Ijp7ImlkeCI6NCwidXJpIjoiaHR0cDovL2xvY2FsaG9zdDozODAwNS9zdGF0dXMtbGlzdHMvMCJ9fSwiX3NkIjpbIi1IY1ppRVFlbl9TTEN5Y0gwN2Izc2hNSDloV2sxSXc3TE5FbFpfTEx5dFkiLCI1c0RvZEN0WUlEMFpHMENabjZyUFBGZk52dVBxZ1hkdjlZeE53ZmtPbjRZIiwiQ0ZKMmY1Z2l6X3BXV2U4WE1oMFZzX2NBSE0zb2dGYkxId3Raeks3dXNDTSIsIlpCY05lRko3ZVpCbXpEc0IwRGNyVXVQM2JIWGttNXV4Zk1Na1lBamlqODQiXSwiX3NkX2FsZyI6InNoYS0yNTYifQ.Dx6LgRpg-GWVQF861_jHldln-q-PhKNT9pOCyycay1cWLYkjdl7nn13dSJnk7L74ipTvpGaU5Obco5hHJ4CdMA~WyJfNnhFeWtQTS1zdDluUjc2R09WUVNRIiwidGllciIsMF0~WyJianZyaFFwdVd0cWd3Mk1WdVZSQ1FBIiwiZXZlbnRDb3VudCIsNl0~WyJ5U3NTeEpSeUFkSDBhR2pNb0NTOGxBIiwicGFydG5lckNvdW50IiwxXQ~WyJJZXRlcVA2aGJ3QmJsYWpkRHhqbGFRIiwibGFzdEFjdGl2aXR5TW9udGgiLCIyMDI2LTEyIl0~",
      "expiresAt": "2027-03-07T07:18:06.000Z"
    }
  },
  "leaveMyMembership": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "organizationId": "org_01m97nzw7mmmxkq3ajv7q8k0cv",
      "left": true
    }
  },
  "listAgents": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "agents": [
        {
          "id": "agent_01m97mhzwsq645nscmymn6r2c3",
          "name": "Second",
          "type": "AI_AGENT",
          "status": "ACTIVE",
          "permissions": [
            "events:write"
          ],
          "authMode": "agent_key",
          "lastUsedAt": null
        },
        {
          "id": "agent_01m97mhztjrzje8kh629s59c7j",
          "name": "Checkout Bot",
          "type": "AI_AGENT",
          "status": "REVOKED",
          "permissions": [
            "events:write"
          ],
          "authMode": "none",
          "lastUsedAt": null
        }
      ],
      "nextCursor": null
    }
  },
  "listApiKeys": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "keys": [
        {
          "id": "key_01m97p1mkdds14f2xsdbp2ayhm",
          "name": null,
          "role": "ANALYST",
          "prefix": "mir_IBcReo",
          "createdAt": "2026-12-07T07:21:15.116Z",
          "lastUsedAt": "2026-12-07T07:21:15.172Z",
          "revokedAt": null
        },
        {
          "id": "key_01m97p1mk5cb04ek9h9amh3zay",
          "name": null,
          "role": "MEMBER",
          "prefix": "mir_N2gH6c",
          "createdAt": "2026-12-07T07:21:15.108Z",
          "lastUsedAt": "2026-12-07T07:21:15.184Z",
          "revokedAt": null
        },
        {
          "id": "key_01m97p1mjzvrmmsw0qv0zfezb7",
          "name": null,
          "role": "ADMIN",
          "prefix": "mir_eVkg0e",
          "createdAt": "2026-12-07T07:21:15.102Z",
          "lastUsedAt": "2026-12-07T07:21:15.190Z",
          "revokedAt": null
        }
      ],
      "nextCursor": null
    }
  },
  "listAuditEntries": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "entries": [
        {
          "id": "aud_01m97p581nb425jbpftafty18f",
          "action": "agent.created",
          "actor": {
            "type": "api_key",
            "id": "key_01m97p580rh5195bred8v3wfr6"
          },
          "target": {
            "type": "agent",
            "id": "agent_01m97p581mr4gkymvtesaynd3k"
          },
          "reason": null,
          "before": null,
          "after": {
            "id": "agent_01m97p581mr4gkymvtesaynd3k",
            "name": "Other",
            "type": "SERVICE_ACCOUNT",
            "preset": "reconciler",
            "rootId": null,
            "status": "ACTIVE",
            "ancestry": "",
            "parentId": null,
            "createdAt": "2026-12-07T07:23:13.332Z",
            "revokedAt": null,
            "keyVersion": 0,
            "spawnDepth": 0,
            "description": null,
            "permissions": [
              "events:write",
              "events:read"
            ],
            "suspendedAt": null,
            "maxBulkItems": null,
            "statusReason": null,
            "organizationId": "org_01m97p580qjdt2jqb5zf23f4wj",
            "agentExternalId": null,
            "membershipSource": "CREATED",
            "allowedEventTypes": [],
            "rateLimitPerMinute": null,
            "requireIdempotency": false,
            "allowedEventPatterns": []
          },
          "requestId": "req_66428b88-9597-441d-acd0-29986a1b6331",
          "createdAt": "2026-12-07T07:23:13.332Z"
        },
        {
          "id": "aud_01m97p5819qyr7d010f15n3yzc",
          "action": "agent.created",
          "actor": {
            "type": "api_key",
            "id": "key_01m97p580rh5195bred8v3wfr6"
          },
          "target": {
            "type": "agent",
            "id": "agent_01m97p581790bz7fg34t04j4tw"
          },
          "reason": null,
          "before": null,
          "after": {
            "id": "agent_01m97p581790bz7fg34t04j4tw",
            "name": "Bot",
            "type": "SERVICE_ACCOUNT",
            "preset": "reconciler",
            "rootId": null,
            "status": "ACTIVE",
            "ancestry": "",
            "parentId": null,
            "createdAt": "2026-12-07T07:23:13.316Z",
            "revokedAt": null,
            "keyVersion": 0,
            "spawnDepth": 0,
            "description": null,
            "permissions": [
              "events:write",
              "events:read"
            ],
            "suspendedAt": null,
            "maxBulkItems": null,
            "statusReason": null,
            "organizationId": "org_01m97p580qjdt2jqb5zf23f4wj",
            "agentExternalId": null,
            "membershipSource": "CREATED",
            "allowedEventTypes": [],
            "rateLimitPerMinute": null,
            "requireIdempotency": false,
            "allowedEventPatterns": []
          },
          "requestId": "req_3e215fa5-43b5-4841-a014-3c3f8c5d99ae",
          "createdAt": "2026-12-07T07:23:13.316Z"
        },
        {
          "id": "aud_01m97p580wfwhgrj7mcft0yh93",
          "action": "api_key.created",
          "actor": {
            "type": "admin",
            "id": null
          },
          "target": {
            "type": "api_key",
            "id": "key_01m97p580rh5195bred8v3wfr6"
          },
          "reason": null,
          "before": null,
          "after": null,
          "requestId": "req_bc798929-ad4b-4c31-ac78-72905c33fa53",
          "createdAt": "2026-12-07T07:23:13.302Z"
        }
      ],
      "nextCursor": "WyIyMDI2LTEyLTA3VDA3OjIzOjEzLjMwMloiLCJhdWRfMDFtOTdwNTgwd2Z3aGdyajdtY2Z0MHloOTMiXQ"
    }
  },
  "listClaims": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "claims": [
        {
          "id": "vcv_01m97nza7tc9fs6ezvxfcr2tw2",
          "status": "INVALID",
          "reason": "malformed",
          "disclosed": {},
          "expiresAt": null,
          "verifiedAt": "2026-12-07T07:19:58.970Z"
        },
        {
          "id": "vcv_01m97nza7enw9gndhknpaxprd8",
          "status": "INVALID",
          "reason": "signature_or_disclosure",
          "disclosed": {},
          "expiresAt": null,
          "verifiedAt": "2026-12-07T07:19:58.958Z"
        },
        {
          "id": "vcv_01m97nza72r5p51gdywtb0hr8h",
          "status": "INVALID",
          "reason": "unknown_disclosure",
          "disclosed": {},
          "expiresAt": null,
          "verifiedAt": "2026-12-07T07:19:58.946Z"
        }
      ],
      "nextCursor": null
    }
  },
  "listEvents": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "events": [
        {
          "id": "evt_01m97mj5y42xkcpxgpssxsr9n1",
          "type": "review.posted",
          "userId": "u1",
          "significance": "normal",
          "occurredAt": "2026-12-07T06:55:20.004Z",
          "receivedAt": "2026-12-07T06:55:19.983Z",
          "data": null
        }
      ],
      "nextCursor": null
    }
  },
  "listMemberInvites": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "invites": [],
      "nextCursor": null
    }
  },
  "listMembers": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "members": [],
      "nextCursor": null
    }
  },
  "listMyCredentials": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "credentials": [
        {
          "id": "vc_01m97nvw6mdtnbt0c8prbcvc4y",
          "status": "ACTIVE",
          "claims": {
            "tier": 0,
            "eventCount": 6,
            "partnerCount": 1,
            "lastActivityMonth": "2026-12"
          },
          "disclosed": [
            "tier",
            "eventCount",
            "partnerCount"
          ],
          "issuedAt": "2026-12-07T07:18:06.000Z",
          "expiresAt": "2027-03-07T07:18:06.000Z",
          "revokedAt": null
        },
        {
          "id": "vc_01m97nvw574cenvcnycx0ee3a2",
          "status": "ACTIVE",
          "claims": {
            "tier": 0,
            "eventCount": 6,
            "partnerCount": 1,
            "lastActivityMonth": "2026-12"
          },
          "disclosed": [
            "tier"
          ],
          "issuedAt": "2026-12-07T07:18:06.000Z",
          "expiresAt": "2027-01-06T07:18:06.000Z",
          "revokedAt": null
        }
      ],
      "nextCursor": null
    }
  },
  "listMyCredentialVerifications": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "verifications": [
        {
          "partner": {
            "id": "org_01m97nza54zw1xe7v1bwasz1km",
            "name": "Verifier 1796627998877"
          },
          "credentialId": "vc_01m97nza4tzgyks0yw6v8zcjr3",
          "status": "REVOKED",
          "at": "2026-12-07T07:19:59.009Z"
        },
        {
          "partner": {
            "id": "org_01m97nza54zw1xe7v1bwasz1km",
            "name": "Verifier 1796627998877"
          },
          "credentialId": "vc_01m97nza4tzgyks0yw6v8zcjr3",
          "status": "EXPIRED",
          "at": "2026-12-07T07:19:58.933Z"
        },
        {
          "partner": {
            "id": "org_01m97nza54zw1xe7v1bwasz1km",
            "name": "Verifier 1796627998877"
          },
          "credentialId": "vc_01m97nza4tzgyks0yw6v8zcjr3",
          "status": "VALID",
          "at": "2026-12-07T07:19:58.915Z"
        }
      ],
      "nextCursor": null
    }
  },
  "listMyLinks": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "links": []
    }
  },
  "listMyMemberships": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "memberships": []
    }
  },
  "listPolicyActions": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "actions": [
        {
          "action": "checkout.complete",
          "description": "Complete a purchase",
          "required_tier": 1,
          "fail_behavior": "step_up",
          "agent": {
            "decision": "step_up"
          },
          "service": {
            "decision": "allow"
          },
          "rules": [
            {
              "id": "high_value_first_order",
              "when": [
                {
                  "field": "is_first_order",
                  "op": "eq",
                  "value": true
                },
                {
                  "field": "amount_usd",
                  "op": "gt",
                  "value": 250
                }
              ],
              "decision": "step_up",
              "reason": "high_value_first_order"
            }
          ],
          "source": "default"
        },
        {
          "action": "credential.rotate",
          "description": "Rotate a credential",
          "required_tier": 0,
          "fail_behavior": "limit",
          "limits": {
            "max_per_hour": 5
          },
          "agent": {
            "decision": "step_up"
          },
          "service": {
            "decision": "limit",
            "limits": {
              "max_per_hour": 2
            }
          },
          "rules": [
            {
              "id": "bulk_rotation",
              "when": [
                {
                  "field": "count",
                  "op": "gte",
                  "value": 10
                }
              ],
              "decision": "deny",
              "reason": "context_rule_matched"
            }
          ],
          "source": "custom"
        },
        {
          "action": "data.export_pii",
          "description": "Export personal data",
          "required_tier": 2,
          "fail_behavior": "step_up",
          "agent": {
            "decision": "deny"
          },
          "service": {
            "decision": "step_up"
          },
          "rules": [],
          "source": "default"
        }
      ],
      "reason_codes": {
        "tier_met": "The actor meets the tier the action requires",
        "tier_below_required": "The actor is below the tier the action requires",
        "no_history": "The actor has no recorded history; the action constrains actors without history",
        "actor_unknown": "No agent or service account with this id in your organization",
        "actor_suspended": "The agent or service account is suspended",
        "actor_revoked": "The agent or service account is revoked",
        "actor_active": "The agent or service account is active and the action permits its type",
        "actor_type_restricted": "The action restricts this type of actor",
        "high_value_first_order": "A first order above the configured amount",
        "high_value_transaction": "A transaction above the configured amount",
        "context_rule_matched": "An organization-specific context rule matched"
      },
      "tiers": [
        {
          "tier": 1,
          "events": 10,
          "partners": 1,
          "days": 14
        },
        {
          "tier": 2,
          "events": 50,
          "partners": 2,
          "days": 30
        },
        {
          "tier": 3,
          "events": 200,
          "partners": 3,
          "days": 90
        }
      ]
    }
  },
  "listPolicyDecisions": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "decisions": [
        {
          "decision_id": "dec_01m97p18ktq22a4d5gxs719dkb",
          "actor": {
            "id": "console-actor-0",
            "type": "human"
          },
          "action": "checkout.complete",
          "decision": "step_up",
          "reasons": [
            "tier_below_required"
          ],
          "actor_tier": 0,
          "inputs": {
            "steps": [
              {
                "rule": "tier",
                "inputs": {
                  "actor_tier": 0,
                  "event_count": 0,
                  "partner_count": 0,
                  "days_since_first_event": null
                }
              },
              {
                "rule": "high_value_first_order",
                "inputs": {
                  "amount_usd": null,
                  "is_first_order": null
                }
              }
            ],
            "context": {}
          },
          "created_at": "2026-12-07T07:21:02.841Z"
        },
        {
          "decision_id": "dec_01m97p18ktnhx32r7bqmq3j9vg",
          "actor": {
            "id": "console-actor-0",
            "type": "human"
          },
          "action": "message.send",
          "decision": "limit",
          "reasons": [
            "no_history"
          ],
          "actor_tier": 0,
          "limits": {
            "max_per_hour": 20
          },
          "inputs": {
            "steps": [
              {
                "rule": "tier",
                "inputs": {
                  "actor_tier": 0,
                  "event_count": 0,
                  "partner_count": 0,
                  "days_since_first_event": null
                }
              }
            ],
            "context": {}
          },
          "created_at": "2026-12-07T07:21:02.841Z"
        },
        {
          "decision_id": "dec_01m97p18kthxkmt3frpf1xhm6e",
          "actor": {
            "id": "console-actor-1",
            "type": "human"
          },
          "action": "checkout.complete",
          "decision": "step_up",
          "reasons": [
            "tier_below_required"
          ],
          "actor_tier": 0,
          "inputs": {
            "steps": [
              {
                "rule": "tier",
                "inputs": {
                  "actor_tier": 0,
                  "event_count": 0,
                  "partner_count": 0,
                  "days_since_first_event": null
                }
              },
              {
                "rule": "high_value_first_order",
                "inputs": {
                  "amount_usd": null,
                  "is_first_order": null
                }
              }
            ],
            "context": {}
          },
          "created_at": "2026-12-07T07:21:02.841Z"
        }
      ],
      "next_cursor": null
    }
  },
  "listRegulations": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "regulations": [
        {
          "regulationId": "reg_01m97p0zv3j6azgbtyr2x1kcfk",
          "type": "SUPPRESS",
          "status": "RUNNING",
          "counts": {
            "users": 1,
            "events": 0,
            "decisions": 0,
            "linksEnded": 0
          },
          "workflowId": "regulation:reg_01m97p0zv3j6azgbtyr2x1kcfk",
          "createdAt": "2026-12-07T07:20:53.855Z",
          "completedAt": null,
          "failure": null
        },
        {
          "regulationId": "reg_01m97p0ztbwj6pbbzc6wq89h01",
          "type": "SUPPRESS",
          "status": "RUNNING",
          "counts": {
            "users": 1,
            "events": 0,
            "decisions": 0,
            "linksEnded": 0
          },
          "workflowId": "regulation:reg_01m97p0ztbwj6pbbzc6wq89h01",
          "createdAt": "2026-12-07T07:20:53.833Z",
          "completedAt": null,
          "failure": null
        }
      ],
      "nextCursor": "WyIyMDI2LTEyLTA3VDA3OjIwOjUzLjgzM1oiLCJyZWdfMDFtOTdwMHp0YndqNnBiYnpjNndxODloMDEiXQ"
    }
  },
  "listSpawnRequests": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "spawnRequests": [
        {
          "id": "spr_01m97mkt7m0atmer1vg5rvp26m",
          "status": "PENDING_APPROVAL",
          "parentAgentId": "agent_01m97mksrf4f4pkqxk8g4591w8",
          "childAgentId": "agent_01m97mkt7ms5jvevg4vaexe392",
          "child": {
            "name": "waiting 1",
            "type": "SERVICE_ACCOUNT",
            "permissions": [
              "events:write",
              "events:read"
            ],
            "allowedEventTypes": [],
            "allowedEventPatterns": [],
            "rateLimitPerMinute": null,
            "maxBulkItems": null,
            "spawnDepth": 1
          },
          "keyPrefix": "mir_agent_xj4oiP",
          "approvalReasons": [
            "depth 1 >= 1"
          ],
          "requestedBy": {
            "id": "key_01m97mksgr3r17ss1pey99z0mj",
            "type": "api_key"
          },
          "decidedBy": null,
          "decisionReason": null,
          "workflowId": "spawn-approval:spr_01m97mkt7m0atmer1vg5rvp26m",
          "createdAt": "2026-12-07T06:56:13.892Z",
          "expiresAt": "2026-12-10T06:56:15.058Z",
          "decidedAt": null
        },
        {
          "id": "spr_01m97mkt75y484gfn8dnzwca4k",
          "status": "PENDING_APPROVAL",
          "parentAgentId": "agent_01m97mksrf4f4pkqxk8g4591w8",
          "childAgentId": "agent_01m97mkt75rznt18fb7avn1egx",
          "child": {
            "name": "waiting 0",
            "type": "SERVICE_ACCOUNT",
            "permissions": [
              "events:write",
              "events:read"
            ],
            "allowedEventTypes": [],
            "allowedEventPatterns": [],
            "rateLimitPerMinute": null,
            "maxBulkItems": null,
            "spawnDepth": 1
          },
          "keyPrefix": "mir_agent_RCPOtT",
          "approvalReasons": [
            "depth 1 >= 1"
          ],
          "requestedBy": {
            "id": "key_01m97mksgr3r17ss1pey99z0mj",
            "type": "api_key"
          },
          "decidedBy": null,
          "decisionReason": null,
          "workflowId": "spawn-approval:spr_01m97mkt75y484gfn8dnzwca4k",
          "createdAt": "2026-12-07T06:56:13.827Z",
          "expiresAt": "2026-12-10T06:56:14.437Z",
          "decidedAt": null
        },
        {
          "id": "spr_01m97mkt75gyq16x6c34kc3qpd",
          "status": "PENDING_APPROVAL",
          "parentAgentId": "agent_01m97mksrf4f4pkqxk8g4591w8",
          "childAgentId": "agent_01m97mkt75j70b03brfev2vbg7",
          "child": {
            "name": "waiting 4",
            "type": "SERVICE_ACCOUNT",
            "permissions": [
              "events:write",
              "events:read"
            ],
            "allowedEventTypes": [],
            "allowedEventPatterns": [],
            "rateLimitPerMinute": null,
            "maxBulkItems": null,
            "spawnDepth": 1
          },
          "keyPrefix": "mir_agent_0zJIdZ",
          "approvalReasons": [
            "depth 1 >= 1"
          ],
          "requestedBy": {
            "id": "key_01m97mksgr3r17ss1pey99z0mj",
            "type": "api_key"
          },
          "decidedBy": null,
          "decisionReason": null,
          "workflowId": "spawn-approval:spr_01m97mkt75gyq16x6c34kc3qpd",
          "createdAt": "2026-12-07T06:56:13.791Z",
          "expiresAt": "2026-12-10T06:56:14.355Z",
          "decidedAt": null
        }
      ]
    }
  },
  "listSuppressions": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "suppressions": [],
      "nextCursor": null
    }
  },
  "listWebhookDeliveries": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "deliveries": [
        {
          "id": "whd_01m97mh2apv8egwtvncfy9069h",
          "messageId": "msg_01m97mh2ap6ta1dwt75k9714js",
          "eventType": "link.confirmed",
          "status": "SUCCEEDED",
          "attempts": [
            {
              "attempt": 1,
              "attemptedAt": "2026-12-07T06:54:43.737Z",
              "succeeded": true,
              "httpStatus": 204,
              "latencyMs": 3,
              "error": null,
              "responseBody": ""
            }
          ],
          "nextAttemptAt": null,
          "completedAt": "2026-12-07T06:54:43.737Z",
          "failureReason": null,
          "retryOf": null,
          "workflowId": "webhook-delivery:whd_01m97mh2apv8egwtvncfy9069h",
          "createdAt": "2026-12-07T06:54:43.528Z"
        },
        {
          "id": "whd_01m97mgy89k82cpvevd24b32fd",
          "messageId": "msg_01m97mgy89a3gfmxh13ajve6nq",
          "eventType": "agent.descendants_revoked",
          "status": "SUCCEEDED",
          "attempts": [
            {
              "attempt": 1,
              "attemptedAt": "2026-12-07T06:54:40.799Z",
              "succeeded": true,
              "httpStatus": 204,
              "latencyMs": 32,
              "error": null,
              "responseBody": ""
            }
          ],
          "nextAttemptAt": null,
          "completedAt": "2026-12-07T06:54:40.799Z",
          "failureReason": null,
          "retryOf": null,
          "workflowId": "webhook-delivery:whd_01m97mgy89k82cpvevd24b32fd",
          "createdAt": "2026-12-07T06:54:39.233Z"
        },
        {
          "id": "whd_01m97mgxdhw5bn1ymsskpew6zm",
          "messageId": "msg_01m97mgxdhmq0k48db4798z11c",
          "eventType": "webhook.test",
          "status": "SUCCEEDED",
          "attempts": [
            {
              "attempt": 1,
              "attemptedAt": "2026-12-07T06:54:39.887Z",
              "succeeded": true,
              "httpStatus": 204,
              "latencyMs": 168,
              "error": null,
              "responseBody": ""
            }
          ],
          "nextAttemptAt": null,
          "completedAt": "2026-12-07T06:54:39.887Z",
          "failureReason": null,
          "retryOf": null,
          "workflowId": "webhook-delivery:whd_01m97mgxdhw5bn1ymsskpew6zm",
          "createdAt": "2026-12-07T06:54:38.439Z"
        }
      ],
      "nextCursor": null
    }
  },
  "listWebhooks": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "webhooks": [
        {
          "id": "whk_01m97p3xtd4rzad1scw83d27k0",
          "url": "http://localhost:3000/hooks",
          "description": null,
          "eventTypes": [
            "*"
          ],
          "enabled": true,
          "disabledReason": null,
          "disabledAt": null,
          "failingSince": "2026-12-03T07:22:30.100Z",
          "previousSecretExpiresAt": null,
          "createdAt": "2026-12-07T07:22:30.092Z",
          "updatedAt": "2026-12-07T07:22:30.092Z"
        },
        {
          "id": "whk_01m97p3xt4zwssbmdth35rt8dv",
          "url": "http://localhost:3000/hooks",
          "description": null,
          "eventTypes": [
            "*"
          ],
          "enabled": false,
          "disabledReason": "every delivery failed since 2026-12-02T06:22:30.098Z (5 days or more)",
          "disabledAt": "2026-12-07T07:22:30.168Z",
          "failingSince": "2026-12-02T06:22:30.098Z",
          "previousSecretExpiresAt": null,
          "createdAt": "2026-12-07T07:22:30.084Z",
          "updatedAt": "2026-12-07T07:22:30.168Z"
        }
      ],
      "nextCursor": null
    }
  },
  "logIn": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "email": "PERSON.1796626018645.FD0EXH@EXAMPLE.COM",
      "password": "correct horse battery staple"
    },
    "response": {
      "token": "mir_sess_…",
      "expiresAt": "2026-12-14T06:47:01.804Z"
    }
  },
  "logOut": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "loggedOut": true
    }
  },
  "reactivateAgent": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "reason": "Paused while the storefront migrates"
    },
    "response": {
      "id": "agent_01m97mqsyvhfr5k23d2fnnb55g",
      "name": "Review importer",
      "type": "SERVICE_ACCOUNT",
      "description": "Imports storefront reviews and ratings every hour",
      "status": "ACTIVE",
      "preset": "event_emitter",
      "permissions": [
        "events:write"
      ],
      "allowedEventTypes": [],
      "allowedEventPatterns": [],
      "requireIdempotency": false,
      "maxBulkItems": null,
      "rateLimitPerMinute": null,
      "agentExternalId": null,
      "createdAt": "2026-12-07T06:58:24.346Z",
      "statusReason": null,
      "authMode": "agent_key",
      "keyPrefix": "mir_agent_4cQS2B",
      "parentId": null,
      "rootId": null,
      "spawnDepth": 0,
      "membershipSource": "CREATED",
      "updatedAt": "2026-12-07T06:58:25.003Z",
      "lastUsedAt": null,
      "suspendedAt": null,
      "revokedAt": null
    }
  },
  "rejectSpawnRequest": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "reason": "not now"
    },
    "response": {
      "spawnRequest": {
        "id": "spr_01m97p3rtys5qyt0anz0wk8xzk",
        "status": "REJECTED",
        "parentAgentId": "agent_01m97p3rma9mb2fcnpt7ydeewm",
        "childAgentId": "agent_01m97p3rtyvw6fhr65nhw3pdha",
        "child": {
          "name": "reader",
          "type": "SERVICE_ACCOUNT",
          "permissions": [
            "events:read"
          ],
          "allowedEventTypes": [],
          "allowedEventPatterns": [],
          "rateLimitPerMinute": null,
          "maxBulkItems": null,
          "spawnDepth": 1
        },
        "keyPrefix": "mir_agent_24cNEu",
        "approvalReasons": [
          "permissions events:read"
        ],
        "requestedBy": {
          "id": "acct_01m97p3qr8dsbxaj2rj8beng1e",
          "type": "user"
        },
        "decidedBy": {
          "id": "acct_01m97p3qs5pevjshyy0c9498e6",
          "via": "session",
          "type": "user"
        },
        "decisionReason": "not now",
        "workflowId": "spawn-approval:spr_01m97p3rtys5qyt0anz0wk8xzk",
        "createdAt": "2026-12-07T07:22:24.991Z",
        "expiresAt": "2026-12-10T07:22:24.991Z",
        "decidedAt": "2026-12-07T07:22:25.174Z"
      },
      "agent": null
    }
  },
  "requestPasswordReset": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "email": "p1796627955671jom9el@example.com"
    },
    "response": {
      "accepted": true
    }
  },
  "resendVerificationEmail": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "sent": true
    }
  },
  "retryWebhookDelivery": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "id": "whd_01m97p3z0bpek1tz8p25r9r0bq",
      "messageId": "msg_01m97p3yqkcy5x5tttj2t1mywt",
      "eventType": "webhook.test",
      "status": "PENDING",
      "attempts": [],
      "nextAttemptAt": null,
      "completedAt": null,
      "failureReason": null,
      "retryOf": "whd_01m97p3yqkyxrhgrgtw96yd76s",
      "workflowId": "webhook-delivery:whd_01m97p3z0bpek1tz8p25r9r0bq",
      "createdAt": "2026-12-07T07:22:31.306Z"
    }
  },
  "revokeAgent": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "reason": "Agent decommissioned"
    },
    "response": {
      "id": "agent_01m97mj7zgebssy860n4brefpq",
      "name": "svc",
      "type": "SERVICE_ACCOUNT",
      "description": null,
      "status": "REVOKED",
      "preset": "reconciler",
      "permissions": [
        "events:write",
        "events:read"
      ],
      "allowedEventTypes": [],
      "allowedEventPatterns": [],
      "requireIdempotency": false,
      "maxBulkItems": null,
      "rateLimitPerMinute": null,
      "agentExternalId": "svc",
      "createdAt": "2026-12-07T06:55:22.083Z",
      "statusReason": "Agent decommissioned",
      "authMode": "partner_key_header",
      "keyPrefix": null,
      "parentId": null,
      "rootId": null,
      "spawnDepth": 0,
      "membershipSource": "CREATED",
      "updatedAt": "2026-12-07T06:55:22.419Z",
      "lastUsedAt": "2026-12-07T06:55:22.328Z",
      "suspendedAt": null,
      "revokedAt": "2026-12-07T06:55:22.419Z"
    }
  },
  "revokeAgentDescendants": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "reason": "compromised"
    },
    "response": {
      "operationId": "rvk_01m97nw3fkvvk8trdghc7jyvp0",
      "status": "RUNNING",
      "rootAgentId": "agent_01m97nw33yyzjyj0zb795nmjgz",
      "total": 3,
      "workflowId": "revoke-descendants:agent_01m97nw33yyzjyj0zb795nmjgz:rvk_01m97nw3fkvvk8trdghc7jyvp0"
    }
  },
  "revokeApiKey": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "id": "key_01m97p50s6k0qh62zzzjbkmmw0",
      "name": "Owner key",
      "role": "OWNER",
      "prefix": "mir_55Nddy",
      "createdAt": "2026-12-07T07:23:05.891Z",
      "lastUsedAt": "2026-12-07T07:23:05.899Z",
      "revokedAt": "2026-12-07T07:23:05.910Z"
    }
  },
  "revokeMyCredential": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "id": "vc_01m97nz6d32x99fjxbp909x7sm",
      "status": "REVOKED",
      "claims": {
        "tier": 0,
        "eventCount": 3,
        "partnerCount": 1,
        "lastActivityMonth": "2026-12"
      },
      "disclosed": [
        "tier",
        "eventCount"
      ],
      "issuedAt": "2026-12-07T07:19:55.000Z",
      "expiresAt": "2027-01-06T07:19:55.000Z",
      "revokedAt": "2026-12-07T07:19:57.159Z"
    }
  },
  "rotateAgentKey": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "apiKey": "mir_agent_…",
      "message": "New API key generated. Your old key has been invalidated. Save this key now — it cannot be retrieved again."
    }
  },
  "rotateApiKey": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "response": {
      "id": "key_01m97p51c4ac4x6w4v2s96czwb",
      "name": "Owner key",
      "role": "OWNER",
      "prefix": "mir_RebVhc",
      "createdAt": "2026-12-07T07:23:06.497Z",
      "lastUsedAt": null,
      "revokedAt": null,
      "apiKey": "mir_…",
      "replaces": "key_01m97p51bt340yntv4z6vf91zd"
    }
  },
  "rotateWebhookSecret": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "id": "whk_01m97nv5x39j91e7kqtxszhhma",
      "url": "http://localhost:3000/hooks",
      "description": null,
      "eventTypes": [
        "agent.created"
      ],
      "enabled": true,
      "disabledReason": null,
      "disabledAt": null,
      "failingSince": null,
      "previousSecretExpiresAt": "2026-12-08T07:17:43.477Z",
      "createdAt": "2026-12-07T07:17:43.457Z",
      "updatedAt": "2026-12-07T07:17:43.477Z",
      "secret": "whsec_…"
    }
  },
  "signUp": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "email": "Person.1796626011701.zysujb@Example.com",
      "password": "correct horse battery staple"
    },
    "response": {
      "id": "acct_01m97m2pt29xhbe6e0xq12nvc2",
      "email": "person.1796626011701.zysujb@example.com",
      "emailVerified": false
    }
  },
  "spawnAgent": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "name": "Reviews only",
      "allowedEventTypes": [
        "mir.review.posted"
      ],
      "allowedEventPatterns": [],
      "rateLimitPerMinute": 10,
      "maxBulkItems": 5
    },
    "response": {
      "id": "agent_01m97p4paf25360ds73fy8jf49",
      "name": "Reviews only",
      "type": "AI_AGENT",
      "description": null,
      "status": "ACTIVE",
      "preset": "event_emitter",
      "permissions": [
        "events:write"
      ],
      "allowedEventTypes": [
        "review.posted"
      ],
      "allowedEventPatterns": [],
      "requireIdempotency": true,
      "maxBulkItems": 5,
      "rateLimitPerMinute": 10,
      "agentExternalId": null,
      "createdAt": "2026-12-07T07:22:55.183Z",
      "statusReason": null,
      "authMode": "agent_key",
      "keyPrefix": "mir_agent_YMRd3B",
      "parentId": "agent_01m97p4p9w8zg4a1dpzecm3j6a",
      "rootId": "agent_01m97p4p9w8zg4a1dpzecm3j6a",
      "spawnDepth": 1,
      "membershipSource": "SPAWNED",
      "updatedAt": "2026-12-07T07:22:55.183Z",
      "lastUsedAt": null,
      "suspendedAt": null,
      "revokedAt": null,
      "apiKey": "mir_agent_…",
      "message": "Save this API key now. It cannot be retrieved again."
    }
  },
  "suspendAgent": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "reason": "Paused while the storefront migrates"
    },
    "response": {
      "id": "agent_01m97mqsyvhfr5k23d2fnnb55g",
      "name": "Review importer",
      "type": "SERVICE_ACCOUNT",
      "description": "Imports storefront reviews and ratings every hour",
      "status": "SUSPENDED",
      "preset": "event_emitter",
      "permissions": [
        "events:write"
      ],
      "allowedEventTypes": [],
      "allowedEventPatterns": [],
      "requireIdempotency": false,
      "maxBulkItems": null,
      "rateLimitPerMinute": null,
      "agentExternalId": null,
      "createdAt": "2026-12-07T06:58:24.346Z",
      "statusReason": "Paused while the storefront migrates",
      "authMode": "agent_key",
      "keyPrefix": "mir_agent_4cQS2B",
      "parentId": null,
      "rootId": null,
      "spawnDepth": 0,
      "membershipSource": "CREATED",
      "updatedAt": "2026-12-07T06:58:24.600Z",
      "lastUsedAt": null,
      "suspendedAt": "2026-12-07T06:58:24.600Z",
      "revokedAt": null
    }
  },
  "testWebhook": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "deliveryId": "whd_01m97nv7a5rpsqkjpfyqzvj06h",
      "messageId": "msg_01m97nv7a55a3pd84xrvfempvt",
      "workflowId": "webhook-delivery:whd_01m97nv7a5rpsqkjpfyqzvj06h"
    }
  },
  "unlinkMyPartner": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "response": {
      "partnerId": "org_01m97mraj09bv53prqmc4myh2c",
      "unlinked": true
    }
  },
  "updateAgent": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "permissions": [
        "events:write",
        "events:read"
      ],
      "allowedEventTypes": [
        "transaction.completed"
      ],
      "rateLimitPerMinute": 200
    },
    "response": {
      "id": "agent_01m97mj0ss2n48ptt3j373r30z",
      "name": "Checkout Bot",
      "type": "AI_AGENT",
      "description": null,
      "status": "ACTIVE",
      "preset": null,
      "permissions": [
        "events:write",
        "events:read"
      ],
      "allowedEventTypes": [
        "transaction.completed"
      ],
      "allowedEventPatterns": [
        "review.*"
      ],
      "requireIdempotency": true,
      "maxBulkItems": 25,
      "rateLimitPerMinute": 200,
      "agentExternalId": null,
      "createdAt": "2026-12-07T06:55:14.744Z",
      "statusReason": null,
      "authMode": "agent_key",
      "keyPrefix": "mir_agent_0eXQxu",
      "parentId": null,
      "rootId": null,
      "spawnDepth": 0,
      "membershipSource": "CREATED",
      "updatedAt": "2026-12-07T06:55:14.776Z",
      "lastUsedAt": null,
      "suspendedAt": null,
      "revokedAt": null
    }
  },
  "updateMemberRole": {
    "recordedAt": "2026-12-07T07:23:16.033Z",
    "body": {
      "role": "ANALYST"
    },
    "response": {
      "id": "mbr_01m97p00x2qz9998m9185adpr4",
      "email": "p1796628021026j0kmus@example.com",
      "role": "ANALYST",
      "inviteId": "minv_01m97p00x2wah8dzddbpsj2j7a",
      "createdAt": "2026-12-07T07:20:22.178Z"
    }
  },
  "updateSettings": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "spawnPolicy": {
        "enabled": true,
        "maxDepth": 5,
        "requireApprovalFromDepth": 2,
        "requireApprovalForPermissions": [
          "events:read"
        ],
        "approvalTimeoutSeconds": 2
      }
    },
    "response": {
      "settings": {
        "enforceAgentAuth": false,
        "agentRateLimitPerMinute": null,
        "linkInviteTtlSeconds": null,
        "spawnPolicy": {
          "enabled": true,
          "maxDepth": 5,
          "requireApprovalFromDepth": 2,
          "requireApprovalForPermissions": [
            "events:read"
          ],
          "approvalTimeoutSeconds": 2
        },
        "linkRedirectOrigins": []
      }
    }
  },
  "updateWebhook": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "url": "http://localhost:3000/services/T000/B000/Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2?token=qs-9f8e7d6c5b4a"
    },
    "response": {
      "id": "whk_01m97mkz2bw8vmcz64cwsc6cd7",
      "url": "http://localhost:3000/services/T000/B000/Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2?token=qs-9f8e7d6c5b4a",
      "description": null,
      "eventTypes": [
        "link.confirmed"
      ],
      "enabled": true,
      "disabledReason": null,
      "disabledAt": null,
      "failingSince": null,
      "previousSecretExpiresAt": null,
      "createdAt": "2026-12-07T06:56:18.506Z",
      "updatedAt": "2026-12-07T06:56:18.811Z"
    }
  },
  "verifyClaim": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "credential": "eyJ0eXAiOiJkYytzZC1qd3QiLCJraWQiOiIwR3g3RXNQeEdxb3RxaE8xVGFuZzNSQ0xRXzJtcG9sang0MmdpZ1c0TVFZIiwiYWxnIjoiRVMyNTYifQ.eyJpc3MiOiJodHRwOi8vbG9jYWxob3N0OjM4MDA1IiwidmN0IjoidXJuOm1pcjp2Y3Q6cGFydGljaXBhdGlvbi1oaXN0b3J5OjEiLCJpYXQiOjE3OTY2Mjc4OTksImV4cCI6MTc5OTIxOTg5OSwianRpIjoiYTNkMmU5MjYtZDVmMi00YTIwLWFmYzAtN2QxNDIwNWY2YWZkIiwic3RhdHVzIjp7InN0YXR1c19saXN0Ijp7ImlkeCI6OSwidXJpIjoiaHR0cDovL2xvY2FsaG9zdDozODAwNS9zdGF0dXMtbGlzdHMvMCJ9fSwiX3NkIjpbIjQxdlQxX0hseTZ2eWduTVBMcFVKQVpzZlVkTE9WVDRRWDN6aW1UR2tiUWciLCI4dG5tQ0d2SWNnN2RFX25IWHdPaXFhbnphdkxDWFlsU1R1MllxOTFWc3FZIiwiUHVJUm9PSFJYaGdTc1c4ZTRpOV84OGswVHQtS1NzNElPaWY4d2tzaWFkdyIsInFDY2d1VlBJdXctOUZqbkJNNkZXMWtFUEJmZ0pma1J5WkNoY282a3hpYkEiXSwiX3NkX2FsZyI6InNoYS0yNTYifQ.lJK-dBWhqAq5RUZIbDFHpZGF8uFS2wY99ahIBozkWLV8Yve0-5dwBoQcaufVjGHfzhtXe_gO3uRIVB9-9Qph4Q~WyJfTFF5ZmIzcWJhLVZJdGNvcy1FS3h3IiwidGllciIsMF0~WyJKQ3lSMnZNRWdlWXd5NUdHdTMxVmRBIiwicGFydG5lckNvdW50IiwxXQ~"
    },
    "response": {
      "valid": true,
      "status": "VALID",
      "disclosed": {
        "tier": 0,
        "partnerCount": 1
      },
      "expiresAt": "2027-01-06T07:18:19.000Z"
    }
  },
  "verifyEmail": {
    "recordedAt": "2026-12-07T07:23:16.593Z",
    "body": {
      "token": "mir_ev_…",
      "password": "correct horse battery staple"
    },
    "response": {
      "id": "acct_01m97m2pt29xhbe6e0xq12nvc2",
      "email": "person.1796626011701.zysujb@example.com",
      "emailVerified": true
    }
  }
});
