import { z } from 'zod';

// Reading environment variables, shared by the server's settings and each adapter's.

/** An unset variable and an empty one (`FOO=` in a .env file) mean the same: not configured. */
export const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

/** true/false, or 1/0 as many tools write flags; unset is false. */
export const flag = (name: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` })
      .optional()
      .transform((value) => value === 'true' || value === '1'),
  );

/** The messages of a failed parse, each once. */
export const messagesOf = (error: z.ZodError): string[] => [...new Set(error.issues.map((i) => i.message))];
