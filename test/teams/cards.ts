import type { ConnectorCall } from '../stand-ins/connector.js';

type Json = Record<string, unknown>;

/** The Adaptive Card a recorded reply carries; fails loudly if it has none. */
export function cardOf(call: ConnectorCall | undefined): Json {
  const attachments = call?.body.attachments as { contentType: string; content: Json }[] | undefined;
  const attachment = attachments?.[0];
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected an Adaptive Card, got ${JSON.stringify(call?.body)}`);
  }
  return attachment.content;
}

/** Every TextBlock's text, in order, joined by newlines. */
export function cardText(card: { body?: unknown }): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'TextBlock' && typeof n.text === 'string') texts.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return texts.join('\n');
}

/** Every Action.Submit in the card (body action sets and card actions), by title. */
export function submitActions(card: { body?: unknown; actions?: unknown }): { title: string; data: Json }[] {
  const found: { title: string; data: Json }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'Action.Submit') found.push({ title: n.title as string, data: n.data as Json });
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  walk(card.actions);
  return found;
}
