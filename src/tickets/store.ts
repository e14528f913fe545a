import type { Ticket, TicketState } from '../schemas/ticket.js';

/**
 * Where tickets are kept: beside feedback, as JSON lines under DATA_DIR by default
 * (stores/jsonl-tickets.ts) or as rows in PostgreSQL with DATABASE_URL (stores/pg-tickets.ts).
 */
export interface TicketStore {
  /** Which store this is, for the logs. */
  readonly kind: 'file' | 'postgres';
  /** Stores a new ticket, unless one with the same key exists: then that one, and created false. */
  open(ticket: Ticket): Promise<{ ticket: Ticket; created: boolean }>;
  get(id: string): Promise<Ticket | undefined>;
  /** The ticket whose experts' copy has this key (see Ticket.postKey). */
  byPost(postKey: string): Promise<Ticket | undefined>;
  /**
   * Changes one ticket: `change` gets the stored ticket and returns the new one, or undefined to
   * leave it. Changes to one ticket run one at a time, so two experts answering together both count.
   */
  update(id: string, change: (ticket: Ticket) => Ticket | undefined): Promise<Ticket | undefined>;
  /** Tickets in these states (all if none given), newest first. */
  list(states?: readonly TicketState[], limit?: number): Promise<Ticket[]>;
  close?(): Promise<void>;
}
