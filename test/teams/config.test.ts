import { describe, expect, it } from 'vitest';
import { botFrameworkAuthOptions, type TeamsConfig } from '../../adapters/teams/config.js';

const REGISTERED: TeamsConfig = {
  appId: '0f4c4c2e-6f1a-4b7e-9a51-3c2b1d0e9f8a',
  appPassword: 'secret',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  appType: 'SingleTenant',
  allowUnauthenticated: false,
};

describe('the Teams Bot Framework settings', () => {
  it('pass a registered single-tenant bot through under the names botbuilder reads', () => {
    expect(botFrameworkAuthOptions(REGISTERED)).toEqual({
      MicrosoftAppId: REGISTERED.appId,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: REGISTERED.tenantId,
    });
  });

  it('refuse to run without an app id unless unauthenticated local use is asked for', () => {
    const local = { ...REGISTERED, appId: '', appPassword: '', tenantId: undefined };
    expect(() => botFrameworkAuthOptions(local)).toThrow(
      /MicrosoftAppId is not set.*TEAMS_ALLOW_UNAUTHENTICATED=1/,
    );
    expect(botFrameworkAuthOptions({ ...local, allowUnauthenticated: true })).toEqual({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
    });
  });

  it('refuse unauthenticated mode while an app id is set, rather than silently pick one', () => {
    expect(() => botFrameworkAuthOptions({ ...REGISTERED, allowUnauthenticated: true })).toThrow(
      /Unset MicrosoftAppId/,
    );
  });

  it('say what is missing or malformed', () => {
    expect(() => botFrameworkAuthOptions({ ...REGISTERED, appId: 'whocommissions' })).toThrow(
      /is not a GUID/,
    );
    expect(() => botFrameworkAuthOptions({ ...REGISTERED, appPassword: '' })).toThrow(
      /MicrosoftAppPassword is not set/,
    );
    expect(() => botFrameworkAuthOptions({ ...REGISTERED, tenantId: '' })).toThrow(
      /MicrosoftAppTenantId is not set/,
    );
    expect(() => botFrameworkAuthOptions({ ...REGISTERED, appType: 'UserAssignedMSI' })).toThrow(
      /must be empty/,
    );
  });
});
