import { randomInt } from 'node:crypto';
import type { Answer } from '../schemas/answer.js';
import {
  NewTicket,
  type Ticket,
  type TicketAnswer,
  type TicketPerson,
  type TicketState,
} from '../schemas/ticket.js';
import type { TicketStore } from './store.js';

/** Letters and digits that cannot be mistaken for each other when read out (no 0/O, 1/I). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A reference like WC-7KQ2M9: short enough to say on a call, random so it gives nothing away. */
export function newTicketId(): string {
  let id = 'WC-';
  for (let i = 0; i < 6; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** What the bot answered, for the ticket: the topic and the bodies named, or its refusal. */
export function summariseAnswer(answer: Answer): TicketAnswer {
  const commissioners = answer.parts?.length
    ? answer.parts.flatMap((part) => part.commissioners)
    : answer.commissioners;
  return {
    status: answer.status,
    ...(answer.topic ? { topic: { id: answer.topic.id, title: answer.topic.title } } : {}),
    bodies: [...new Set(commissioners.map((c) => c.name))],
    text: answer.text.slice(0, 4000),
  };
}

/** What came of an expert's reply or a close. */
export type TicketChange =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: 'missing' | 'closed'; ticket?: Ticket };

/**
 * Tickets for "ask an expert", on any surface: the surface says who asked and where (in its own
 * address), the desk keeps the ticket's life — open, answered, closed — in the store.
 */
export interface TicketDesk {
  /** Opens a ticket, or finds the one a repeated click opened (same key): created says which. */
  open(ticket: NewTicket): Promise<{ ticket: Ticket; created: boolean }>;
  get(id: string): Promise<Ticket | undefined>;
  byPost(postKey: string): Promise<Ticket | undefined>;
  /** Records where the experts' copy was posted, so a reply there finds the ticket. */
  posted(id: string, postKey: string): Promise<Ticket | undefined>;
  /** Records an expert's reply once it reached the asker: the ticket is answered (unless closed). */
  replied(id: string, by: TicketPerson, text: string): Promise<TicketChange>;
  /** Closes a ticket, recording who closed it and when. */
  close(id: string, by: TicketPerson): Promise<TicketChange>;
  /** Adds the asker's note to an open or answered ticket (a closed one is left as it is). */
  addNote(id: string, by: TicketPerson, text: string): Promise<TicketChange>;
  list(states?: readonly TicketState[]): Promise<Ticket[]>;
}

export function createTicketDesk(store: TicketStore, now: () => Date = () => new Date()): TicketDesk {
  const stamp = () => now().toISOString();
  const change = async (id: string, apply: (ticket: Ticket) => Ticket | undefined): Promise<TicketChange> => {
    let closed: Ticket | undefined;
    const ticket = await store.update(id, (current) => {
      if (current.state === 'closed') {
        closed = current;
        return undefined;
      }
      return apply(current);
    });
    if (ticket) return { ok: true, ticket };
    return closed ? { ok: false, reason: 'closed', ticket: closed } : { ok: false, reason: 'missing' };
  };
  return {
    async open(draft) {
      const fields = NewTicket.parse(draft);
      const at = stamp();
      return store.open({
        ...fields,
        id: newTicketId(),
        state: 'open',
        createdAt: at,
        updatedAt: at,
        replies: [],
        notes: [],
      });
    },
    get: (id) => store.get(id),
    byPost: (postKey) => store.byPost(postKey),
    posted: (id, postKey) => store.update(id, (t) => ({ ...t, postKey, updatedAt: stamp() })),
    replied: (id, by, text) =>
      change(id, (t) => ({
        ...t,
        state: 'answered',
        updatedAt: stamp(),
        replies: [...t.replies, { by, text: text.slice(0, 4000), at: stamp() }],
      })),
    close: (id, by) =>
      change(id, (t) => ({ ...t, state: 'closed', closedBy: by, closedAt: stamp(), updatedAt: stamp() })),
    addNote: (id, by, text) =>
      change(id, (t) => ({
        ...t,
        updatedAt: stamp(),
        notes: [...t.notes, { by, text: text.slice(0, 2000), at: stamp() }],
      })),
    list: (states) => store.list(states),
  };
}
