import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { z } from 'zod';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How the bot authenticates; Azure Bot registrations made since mid-2025 are SingleTenant or UserAssignedMSI. */
const TeamsAppType = z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
  error:
    'MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (as in the Azure Bot resource)',
});

/**
 * The Bot Framework settings. The server fills them from MicrosoftAppId, MicrosoftAppPassword,
 * MicrosoftAppTenantId, MicrosoftAppType and TEAMS_ALLOW_UNAUTHENTICATED (adapter.ts),
 * so every message names the variable and says how to fix it.
 */
export const TeamsConfig = z
  .object({
    /** The bot's Microsoft App ID (a GUID). Empty only together with allowUnauthenticated. */
    appId: z
      .string()
      .refine(
        (id) => id === '' || GUID.test(id),
        'MicrosoftAppId must be the bot’s Application (client) ID, a GUID like 00000000-0000-0000-0000-000000000000',
      )
      .default(''),
    /** Client secret; empty for UserAssignedMSI. */
    appPassword: z.string().default(''),
    /** Required for SingleTenant and UserAssignedMSI. */
    tenantId: z
      .string()
      .regex(GUID, 'MicrosoftAppTenantId must be your Directory (tenant) ID, a GUID')
      .optional(),
    appType: TeamsAppType.default('MultiTenant'),
    /** TEAMS_ALLOW_UNAUTHENTICATED=true: accept requests without a token, for a local Bot Framework client only. */
    allowUnauthenticated: z.boolean().default(false),
    /**
     * The experts' channel (TEAMS_EXPERTS_CONVERSATION): set, answers get "Ask an expert" and tickets
     * are posted there as cards; unset, there is no button.
     */
    expertsConversation: z
      .string()
      .regex(
        /^19:\S+$/,
        'TEAMS_EXPERTS_CONVERSATION must be a channel id starting 19: (in Teams: the channel → … → Get link to channel; the part after /channel/, with %3a as : and %40 as @)',
      )
      .optional(),
    /**
     * Where the Bot Framework's signing keys are published (an OpenID configuration document). Not an
     * environment variable: unset (always, in production) it is Microsoft's public cloud's
     * https://login.botframework.com/v1/.well-known/openidconfiguration; the tests point it at a
     * stand-in on 127.0.0.1 so no test reaches outside this machine.
     */
    openIdMetadataUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Where the experts' team is served (TEAMS_EXPERTS_SERVICE_URL); Teams' global address by default. */
    expertsServiceUrl: z
      .string()
      .refine(
        (url) => /^https?:\/\//.test(url) && URL.canParse(url),
        'TEAMS_EXPERTS_SERVICE_URL must be a URL such as https://smba.trafficmanager.net/emea/ (the serviceUrl of activities from that team), or unset for the global one',
      )
      .optional(),
  })
  .superRefine((config, ctx) => {
    const fail = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (config.expertsServiceUrl && !config.expertsConversation) {
      fail(
        'expertsServiceUrl',
        'TEAMS_EXPERTS_SERVICE_URL is set but TEAMS_EXPERTS_CONVERSATION is not: set the experts channel too, or unset it',
      );
    }
    if (config.appId === '') {
      if (!config.allowUnauthenticated) {
        fail(
          'appId',
          'MicrosoftAppId is not set: set MicrosoftAppId and MicrosoftAppPassword from your Azure Bot registration, or TEAMS_ALLOW_UNAUTHENTICATED=true to try the bot locally without authentication',
        );
      }
      return;
    }
    if (config.allowUnauthenticated) {
      fail(
        'allowUnauthenticated',
        'TEAMS_ALLOW_UNAUTHENTICATED=true turns authentication off, which makes no sense with MicrosoftAppId set: unset one of them',
      );
    }
    if (config.appType !== 'UserAssignedMSI' && config.appPassword === '') {
      fail(
        'appPassword',
        'MicrosoftAppId is set but MicrosoftAppPassword is not: set it to the client secret of the bot’s app registration',
      );
    }
    if (config.appType === 'UserAssignedMSI' && config.appPassword !== '') {
      fail(
        'appPassword',
        'MicrosoftAppType=UserAssignedMSI signs in with a managed identity: unset MicrosoftAppPassword',
      );
    }
    if (config.appType !== 'MultiTenant' && !config.tenantId) {
      fail(
        'tenantId',
        `MicrosoftAppType=${config.appType} needs MicrosoftAppTenantId, the Directory (tenant) ID the bot was registered in`,
      );
    }
  });
export type TeamsConfig = z.infer<typeof TeamsConfig>;

/**
 * The settings under the names botbuilder reads (an empty app id turns its token checks off, so
 * settings that did not come through the server are checked first). Throws saying what to set.
 */
export function botFrameworkAuthOptions(
  settings: z.input<typeof TeamsConfig>,
): ConfigurationBotFrameworkAuthenticationOptions {
  const parsed = TeamsConfig.safeParse(settings);
  if (!parsed.success) {
    throw new Error(`Teams cannot start: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const config = parsed.data;
  if (config.appId === '') {
    return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };
  }
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
    ...(config.openIdMetadataUrl ? publicCloudWithKeysAt(config.openIdMetadataUrl) : {}),
  };
}

/**
 * The public cloud's settings (botframework-connector's AuthenticationConstants), with the signing
 * keys read from elsewhere. botbuilder takes every setting from the options as soon as one is given,
 * so all of them are given.
 */
function publicCloudWithKeysAt(url: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: url,
    ToBotFromEmulatorOpenIdMetadataUrl: url,
    CallerId: 'urn:botframework:azure',
  };
}
