import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How the bot authenticates; Azure Bot registrations made since mid-2025 are SingleTenant or UserAssignedMSI. */
export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** The Bot Framework settings, read by the server from MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId and MicrosoftAppType. */
export interface TeamsConfig {
  /** The bot's Microsoft App ID (a GUID). Empty only together with allowUnauthenticated. */
  appId: string;
  /** Client secret; empty for UserAssignedMSI. */
  appPassword: string;
  /** Required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
  appType: TeamsAppType;
  /** TEAMS_ALLOW_UNAUTHENTICATED=1: accept requests without a token, for a local Bot Framework client only. */
  allowUnauthenticated: boolean;
}

/** Checks the settings and turns them into botbuilder's options, failing with a message that says what to set. */
export function botFrameworkAuthOptions(config: TeamsConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const appId = config.appId.trim();
  const password = config.appPassword.trim();
  const tenantId = config.tenantId?.trim() ?? '';

  if (appId === '') {
    if (!config.allowUnauthenticated) {
      throw new Error(
        'Teams: MicrosoftAppId is not set. Set MicrosoftAppId and MicrosoftAppPassword from your Azure Bot ' +
          'registration, or set TEAMS_ALLOW_UNAUTHENTICATED=1 to try the bot locally without authentication.',
      );
    }
    // botbuilder skips token checks entirely when the app id is empty (MultiTenant, no password).
    return { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };
  }
  if (config.allowUnauthenticated) {
    throw new Error(
      'Teams: TEAMS_ALLOW_UNAUTHENTICATED=1 is set together with MicrosoftAppId. Unset MicrosoftAppId to ' +
        'run unauthenticated locally, or unset TEAMS_ALLOW_UNAUTHENTICATED to require Bot Framework tokens.',
    );
  }
  if (!GUID.test(appId)) {
    throw new Error(
      `Teams: MicrosoftAppId "${appId}" is not a GUID. Copy the Microsoft App ID from the Azure Bot's Configuration page.`,
    );
  }
  if (config.appType !== 'UserAssignedMSI' && password === '') {
    throw new Error(
      `Teams: MicrosoftAppPassword is not set; a ${config.appType} bot needs its client secret.`,
    );
  }
  if (config.appType === 'UserAssignedMSI' && password !== '') {
    throw new Error('Teams: MicrosoftAppPassword must be empty for MicrosoftAppType=UserAssignedMSI.');
  }
  if (config.appType !== 'MultiTenant' && tenantId === '') {
    throw new Error(
      `Teams: MicrosoftAppTenantId is not set; a ${config.appType} bot needs the Microsoft Entra tenant id it was registered in.`,
    );
  }
  return {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: password,
    MicrosoftAppType: config.appType,
    ...(tenantId !== '' ? { MicrosoftAppTenantId: tenantId } : {}),
  };
}
