import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type Base = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Base['authenticateRequest']>>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type ConnectorFactory = ReturnType<Base['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Base['createUserTokenClient']>>;

/** How many clients of each kind are kept: one per bot and service URL (a few Teams regions) in practice. */
export const MAX_CACHED_CLIENTS = 64;

/**
 * botbuilder's authentication from configuration, keeping the clients it makes for each turn.
 *
 * CloudAdapter builds a new ConnectorClient (its whole request pipeline) and a new UserTokenClient for
 * every activity: about a third of a millisecond of CPU per turn here, a fifth of botbuilder's cost
 * around an answer. They hold nothing of the turn (credentials for the bot and audience, the service
 * URL, and a shared HTTP client), so one made for the same bot, service URL and audience is used
 * again, as botbuilder's older BotFrameworkAdapter did with its connector clients. A client that could
 * not be made is not kept.
 */
export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(
    activity: Parameters<Base['authenticateRequest']>[0],
    authHeader: string,
  ) {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.keeping(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keeping(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.userTokens, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  /** The factory, answering from the cache when it has made a client for the same bot, URL and audience. */
  private keeping(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const connectors = this.connectors;
    return {
      create: (serviceUrl: string, audience?: string) =>
        kept(connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
          factory.create(serviceUrl, audience),
        ),
    } as ConnectorFactory;
  }
}

/**
 * The bot's app id as botbuilder's connector factory reads it from the claims (audience, else appid):
 * empty when authentication is off.
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

/** The cached promise for `key`, or a new one from `make`; a failure is dropped so the next call tries again. */
function kept<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make();
  cache.set(key, made);
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  // A bounded cache: the oldest entry goes first (service URLs come from authenticated activities).
  if (cache.size > MAX_CACHED_CLIENTS) cache.delete(cache.keys().next().value as string);
  return made;
}
