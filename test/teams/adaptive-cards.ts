import * as AC from 'adaptivecards';
import { type ContainerStyle, type ForegroundName, TEAMS_LIGHT_HOST_CONFIG } from './teams-host-config.js';

type Json = Record<string, unknown>;

/**
 * What Microsoft's renderer (`adaptivecards`) finds wrong with a card under Teams' host config:
 * parse errors (unknown types, invalid values) and validation failures, as messages.
 */
export function cardProblems(json: object): string[] {
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(TEAMS_LIGHT_HOST_CONFIG);
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/** Titles of buttons Teams lays out side by side: action sets in the body and the card's own actions. */
export function horizontalButtonTitles(card: Json): string[] {
  const titles: string[] = [];
  const take = (actions: unknown) => {
    if (Array.isArray(actions)) for (const a of actions) titles.push(String((a as Json).title ?? ''));
  };
  take(card.actions);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.type === 'ActionSet') take(n.actions);
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return titles;
}

type Rgba = [number, number, number, number];

/** '#RRGGBB' or '#AARRGGBB' (the host config's forms) as 0-255 channels and alpha 0-1. */
function rgba(hex: string): Rgba {
  const h = hex.replace('#', '');
  const alpha = h.length === 8 ? Number.parseInt(h.slice(0, 2), 16) / 255 : 1;
  const rgb = h.length === 8 ? h.slice(2) : h;
  return [0, 2, 4].map((i) => Number.parseInt(rgb.slice(i, i + 2), 16)).concat(alpha) as Rgba;
}

const over = (top: Rgba, under: Rgba): Rgba =>
  [0, 1, 2].map((i) => (top[i] as number) * top[3] + (under[i] as number) * (1 - top[3])).concat(1) as Rgba;

/** WCAG 2 relative luminance of an opaque colour. */
function luminance([r, g, b]: Rgba): number {
  const [R, G, B] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * R + 0.7152 * G + 0.0722 * B;
}

/** WCAG contrast ratio of text in `fg` on `bg` (both composited over the white card). */
export function contrast(fg: string, bg: string): number {
  const background = over(rgba(bg), [255, 255, 255, 1]);
  const text = over(rgba(fg), background);
  const [a, b] = [luminance(text), luminance(background)].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}

export interface TextColour {
  text: string;
  foreground: string;
  background: string;
  ratio: number;
}

/** Every TextBlock with the colours Teams gives it (its colour and subtlety in its container's style). */
export function textColours(card: Json): TextColour[] {
  const styles = TEAMS_LIGHT_HOST_CONFIG.containerStyles;
  const found: TextColour[] = [];
  const walk = (node: unknown, style: ContainerStyle) => {
    if (Array.isArray(node)) for (const n of node) walk(n, style);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      const own = typeof n.style === 'string' && n.style.toLowerCase() in styles;
      const here = own ? ((n.style as string).toLowerCase() as ContainerStyle) : style;
      if (n.type === 'TextBlock') {
        const name = String(n.color ?? 'default').toLowerCase() as ForegroundName;
        const colours = styles[here].foregroundColors[name] ?? styles[here].foregroundColors.default;
        const foreground = n.isSubtle ? colours.subtle : colours.default;
        const background = styles[here].backgroundColor;
        found.push({ text: String(n.text), foreground, background, ratio: contrast(foreground, background) });
      }
      for (const [key, value] of Object.entries(n)) if (key !== 'selectAction') walk(value, here);
    }
  };
  walk(card.body, 'default');
  return found;
}
