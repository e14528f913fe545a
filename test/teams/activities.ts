/** Incoming Teams activities as the channel sends them, trimmed to the fields the bot reads. */

export const BOT = { id: '28:whocommissions-bot', name: 'Who commissions' };
export const USER = {
  id: '29:alex',
  name: 'Alex Example',
  aadObjectId: '5d2f0b4c-8a9e-4f6b-9c1d-2e3f4a5b6c7d',
};
const TENANT = { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' };

let counter = 0;

function base(serviceUrl: string) {
  counter++;
  return {
    id: `incoming-${counter}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date('2026-11-01T12:00:00Z').toISOString(),
    from: USER,
    recipient: BOT,
    locale: 'en-GB',
  };
}

export function personalMessage(serviceUrl: string, text: string) {
  return {
    ...base(serviceUrl),
    type: 'message',
    text,
    textFormat: 'plain',
    conversation: { id: 'a:personal-alex', conversationType: 'personal', tenantId: TENANT.id },
    channelData: { tenant: TENANT },
  };
}

export const CHANNEL_THREAD = '19:general@thread.tacv2;messageid=1761998400000';

/** A channel message that @mentions the bot, as Teams sends it inside a thread. */
export function channelMention(serviceUrl: string, question: string) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl),
    type: 'message',
    text: `${mention} ${question}`,
    textFormat: 'plain',
    conversation: { id: CHANNEL_THREAD, conversationType: 'channel', isGroup: true, tenantId: TENANT.id },
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
    channelData: {
      tenant: TENANT,
      team: { id: '19:team@thread.tacv2' },
      channel: { id: '19:general@thread.tacv2' },
      teamsChannelId: '19:general@thread.tacv2',
    },
  };
}

/** An Action.Submit click: a message with the button's data as its value, replying to the card's message. */
export function cardSubmit(serviceUrl: string, value: unknown, cardMessageId: string) {
  return {
    ...personalMessage(serviceUrl, ''),
    text: undefined,
    value,
    replyToId: cardMessageId,
  };
}

export function personalInstall(serviceUrl: string) {
  return {
    ...base(serviceUrl),
    type: 'conversationUpdate',
    membersAdded: [{ id: USER.id }],
    conversation: { id: 'a:personal-alex', conversationType: 'personal', tenantId: TENANT.id },
    channelData: { tenant: TENANT, eventType: 'teamMemberAdded' },
  };
}

/**
 * A channel message shaped as Microsoft documents it for Teams: the mention entity's text has an @
 * (`<at>@Name</at>`) that the message text does not (`<at>Name</at>`), another person is mentioned
 * too, and the entities carry clientInfo alongside the mentions.
 */
export function documentedChannelMention(serviceUrl: string, before: string, after: string) {
  const colleague = { id: '29:sam-lee', name: 'Sam Lee' };
  return {
    ...channelMention(serviceUrl, ''),
    text: `${before}<at>${BOT.name}</at> ${after} cc <at>${colleague.name}</at>`,
    entities: [
      { type: 'mention', mentioned: BOT, text: `<at>@${BOT.name}</at>` },
      { type: 'mention', mentioned: colleague, text: `<at>@${colleague.name}</at>` },
      { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web' },
    ],
  };
}
