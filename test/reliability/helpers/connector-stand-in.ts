// Only for bench/end-to-end.ts, which imports from here: the connector stand-in is
// test/stand-ins/connector.ts and the activities test/teams/activities.ts. Delete this file once the
// bench imports from there.
import { personalMessage } from '../../teams/activities.js';

/** A personal (1:1) Teams message to the bot with a given activity id. */
export function teamsMessage(serviceUrl: string, id: string, text: string) {
  return { ...personalMessage(serviceUrl, text), id };
}
