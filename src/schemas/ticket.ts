import { z } from 'zod';
import { AnswerStatus } from './answer.js';
import { Surface } from './feedback.js';

/** open: waiting for an expert; answered: an expert's reply reached the asker; closed: nothing more to do. */
export const TicketState = z.enum(['open', 'answered', 'closed']);
export type TicketState = z.infer<typeof TicketState>;

/** What the bot said when the person asked for an expert: the topic and bodies, or why it could not answer. */
export const TicketAnswer = z.object({
  status: AnswerStatus,
  topic: z.object({ id: z.string(), title: z.string() }).optional(),
  /** Names of the bodies the answer named as commissioners. */
  bodies: z.array(z.string()).default([]),
  /** The answer's text: for unknown and clarify, the refusal or question back. */
  text: z.string().max(4000),
});
export type TicketAnswer = z.infer<typeof TicketAnswer>;

/** Who asked: an id the surface understands, and a name to show people when the surface has one. */
export const TicketPerson = z.object({
  id: z.string().max(200),
  name: z.string().max(200).optional(),
});
export type TicketPerson = z.infer<typeof TicketPerson>;

/**
 * Where an answer goes back to, and where the ticket was posted for experts: an address only the
 * surface that wrote it reads (a channel and thread, a conversation reference). The core keeps it
 * as it is given and names no platform.
 */
export const TicketAddress = z.record(z.string(), z.unknown());
export type TicketAddress = z.infer<typeof TicketAddress>;

/** An expert's reply, as relayed to the asker. */
export const TicketReply = z.object({
  by: TicketPerson,
  text: z.string().max(4000),
  at: z.string(),
});
export type TicketReply = z.infer<typeof TicketReply>;

/** Something the asker added to their ticket after opening it (e.g. Slack's "Add a note"). */
export const TicketNote = z.object({
  by: TicketPerson,
  text: z.string().max(2000),
  at: z.string(),
});
export type TicketNote = z.infer<typeof TicketNote>;

/** "WC-" and six letters or digits people can read out (no 0/O, 1/I). */
export const TicketId = z.string().regex(/^WC-[2-9A-HJ-NP-Z]{6}$/, 'a ticket reference like WC-7KQ2M9');

/** A question a person wanted a person to answer: what the bot said, who asked and where, and its state. */
export const Ticket = z.object({
  id: TicketId,
  /** The surface's own ids for the click that asked, so a repeated or retried click finds this ticket. */
  key: z.string().min(1).max(500),
  state: TicketState,
  createdAt: z.string(),
  updatedAt: z.string(),
  surface: Surface,
  question: z.string().max(2000),
  asOf: z.string(),
  answer: TicketAnswer,
  asker: TicketPerson,
  /** Where the person asked, for relaying the reply (surface's own address). */
  where: TicketAddress.default({}),
  /** Where the person asked, in words for experts and maintainers, e.g. "a thread in #general". */
  whereText: z.string().max(300),
  note: z.string().max(2000).optional(),
  /** The surface's key for the experts' copy of the ticket (e.g. channel and message), once posted. */
  postKey: z.string().max(500).optional(),
  /**
   * The experts' answers, oldest first: each says who answered, what and when. The last is the
   * answer the asker sees; the ticket is answered once there is one.
   */
  replies: z.array(TicketReply).default([]),
  /** Notes the asker added after opening the ticket, oldest first. */
  notes: z.array(TicketNote).default([]),
  closedBy: TicketPerson.optional(),
  closedAt: z.string().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** What a surface gives to open a ticket; the desk fills in the id, state, dates and answer summary. */
export const NewTicket = Ticket.pick({
  key: true,
  surface: true,
  question: true,
  asOf: true,
  answer: true,
  asker: true,
  where: true,
  whereText: true,
  note: true,
});
export type NewTicket = z.input<typeof NewTicket>;
