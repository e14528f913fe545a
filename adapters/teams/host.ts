import type { Activity, TurnContext } from 'botbuilder';

/**
 * Cards ask Teams for the full width of the chat (`msteams.width: Full`), which only Teams itself
 * supports: a local client (the Microsoft 365 Agents Playground, the Bot Framework Emulator) shows
 * "Full width control is not supported" under every card. Teams' connector is always HTTPS; a local
 * client's is plain HTTP on this machine. So the property is sent only where it is understood.
 */
export function supportsFullWidth(serviceUrl: string | undefined): boolean {
  return serviceUrl?.startsWith('https://') ?? false;
}

/** The activity with `msteams` taken off its Adaptive Cards, for a host that does not support it. */
function withoutTeamsOnly(activity: Partial<Activity>): Partial<Activity> {
  if (!activity.attachments?.length) return activity;
  const attachments = activity.attachments.map((a) => {
    if (a.contentType !== 'application/vnd.microsoft.card.adaptive' || !a.content?.msteams) return a;
    const { msteams: _teamsOnly, ...content } = a.content as Record<string, unknown>;
    return { ...a, content };
  });
  return { ...activity, attachments };
}

/** For the rest of the turn: cards sent or updated carry only what the client that sent it supports. */
export function fitCardsToHost(context: TurnContext): void {
  if (supportsFullWidth(context.activity.serviceUrl)) return;
  context.onSendActivities(async (_ctx, activities, next) => {
    activities.splice(0, activities.length, ...activities.map((a) => withoutTeamsOnly(a) as Activity));
    return next();
  });
  context.onUpdateActivity(async (_ctx, activity, next) => {
    Object.assign(activity, withoutTeamsOnly(activity));
    return next();
  });
}
