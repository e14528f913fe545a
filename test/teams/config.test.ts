import { describe, expect, it } from 'vitest';
import { botFrameworkAuthOptions, TeamsConfig } from '../../adapters/teams/config.js';

const REGISTERED: TeamsConfig = {
  appId: '0f4c4c2e-6f1a-4b7e-9a51-3c2b1d0e9f8a',
  appPassword: 'secret',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  appType: 'SingleTenant',
  allowUnauthenticated: false,
};

const problems = (settings: unknown) =>
  TeamsConfig.safeParse(settings).error?.issues.map((issue) => issue.message) ?? [];

describe('the Teams Bot Framework settings', () => {
  it('pass a registered single-tenant bot through under the names botbuilder reads', () => {
    expect(botFrameworkAuthOptions(REGISTERED)).toEqual({
      MicrosoftAppId: REGISTERED.appId,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: REGISTERED.tenantId,
    });
  });

  it('turn authentication off only when unauthenticated local use is asked for', () => {
    const local = { ...REGISTERED, appId: '', appPassword: '', tenantId: undefined };
    expect(() => botFrameworkAuthOptions(local)).toThrow(
      /MicrosoftAppId is not set.*TEAMS_ALLOW_UNAUTHENTICATED=true/,
    );
    expect(botFrameworkAuthOptions({ allowUnauthenticated: true })).toEqual({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
    });
  });

  it('refuse unauthenticated mode while an app id is set, rather than silently pick one', () => {
    expect(problems({ ...REGISTERED, allowUnauthenticated: true })).toEqual([
      expect.stringMatching(/^TEAMS_ALLOW_UNAUTHENTICATED=true turns authentication off.*unset one of them/),
    ]);
  });

  it('say what is missing or malformed, naming the variable', () => {
    expect(problems({ ...REGISTERED, appId: 'whocommissions' })).toEqual([
      expect.stringMatching(/^MicrosoftAppId must be the bot’s Application \(client\) ID, a GUID/),
    ]);
    expect(problems({ ...REGISTERED, appPassword: '' })).toEqual([
      expect.stringMatching(/^MicrosoftAppId is set but MicrosoftAppPassword is not/),
    ]);
    expect(problems({ ...REGISTERED, tenantId: undefined })).toEqual([
      expect.stringMatching(/^MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId/),
    ]);
    expect(problems({ ...REGISTERED, appType: 'UserAssignedMSI' })).toEqual([
      expect.stringMatching(/^MicrosoftAppType=UserAssignedMSI .*unset MicrosoftAppPassword/),
    ]);
  });
});
