import { z } from 'zod';
import { defineAdapter, type ServerFacts } from '../../src/adapter.js';
import { flag, messagesOf, optionalText } from '../../src/env.js';
import { TeamsConfig } from './config.js';

/** Microsoft* and TEAMS_ALLOW_UNAUTHENTICATED as the Teams surface's settings. */
const teamsEnv = (server: ServerFacts) =>
  z
    .object({
      MicrosoftAppId: optionalText.pipe(TeamsConfig.shape.appId.optional()),
      MicrosoftAppPassword: optionalText,
      MicrosoftAppTenantId: optionalText.pipe(TeamsConfig.shape.tenantId.optional()),
      MicrosoftAppType: optionalText.pipe(TeamsConfig.shape.appType),
      TEAMS_ALLOW_UNAUTHENTICATED: flag('TEAMS_ALLOW_UNAUTHENTICATED'),
      TEAMS_EXPERTS_CONVERSATION: optionalText,
      TEAMS_EXPERTS_SERVICE_URL: optionalText,
    })
    .superRefine((env, ctx) => {
      const fail = (variable: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [variable], message });
      if (!env.MicrosoftAppId && env.MicrosoftAppPassword) {
        fail(
          'MicrosoftAppId',
          'MicrosoftAppPassword is set but MicrosoftAppId is not: set MicrosoftAppId too',
        );
      }
      if (env.TEAMS_ALLOW_UNAUTHENTICATED && !server.loopback) {
        fail(
          'TEAMS_ALLOW_UNAUTHENTICATED',
          `TEAMS_ALLOW_UNAUTHENTICATED=true would accept anyone's messages on ${server.host}: use it only with HOST=127.0.0.1 (for the Bot Framework Emulator)`,
        );
      }
    })
    // Teams is on with an app id, or without one only when asked for.
    .transform((e): z.input<typeof TeamsConfig> | undefined =>
      e.MicrosoftAppId || e.TEAMS_ALLOW_UNAUTHENTICATED
        ? {
            appId: e.MicrosoftAppId,
            appPassword: e.MicrosoftAppPassword,
            tenantId: e.MicrosoftAppTenantId,
            appType: e.MicrosoftAppType,
            allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
            expertsConversation: e.TEAMS_EXPERTS_CONVERSATION,
            expertsServiceUrl: e.TEAMS_EXPERTS_SERVICE_URL,
          }
        : undefined,
    )
    .pipe(TeamsConfig.optional());

/** Microsoft Teams (the Bot Framework), as the composition root registers it. */
export const teamsAdapter = defineAdapter<TeamsConfig>({
  name: 'teams',
  variables: [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppTenantId',
    'MicrosoftAppType',
    'TEAMS_ALLOW_UNAUTHENTICATED',
    'TEAMS_EXPERTS_CONVERSATION',
    'TEAMS_EXPERTS_SERVICE_URL',
  ],
  readSettings(env, server) {
    const parsed = teamsEnv(server).safeParse(env);
    return parsed.success
      ? { ok: true, settings: parsed.data }
      : { ok: false, errors: messagesOf(parsed.error) };
  },
  summary(settings, url) {
    const experts = settings?.expertsConversation
      ? [
          `  Ask an expert: tickets go to Teams channel ${settings.expertsConversation} (TEAMS_EXPERTS_CONVERSATION)`,
        ]
      : [];
    return [...teamsLine(settings, url), ...experts];
  },
  async create(settings, { service, logger, dedupe, tickets, misses }) {
    // botbuilder is large: imported only when Teams is on.
    const { createTeamsSurface } = await import('./index.js');
    return createTeamsSurface(settings, service, logger, { dedupe, tickets, misses });
  },
});

function teamsLine(settings: TeamsConfig | undefined, url: string): string[] {
  if (!settings) {
    return [
      'Teams: off — set MicrosoftAppId and MicrosoftAppPassword to turn it on (or TEAMS_ALLOW_UNAUTHENTICATED=true for the Bot Framework Emulator)',
    ];
  }
  if (settings.allowUnauthenticated) {
    return [`Teams: on at ${url}/api/messages WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED=true)`];
  }
  return [`Teams: on at ${url}/api/messages (${settings.appType}, app ${settings.appId})`];
}
