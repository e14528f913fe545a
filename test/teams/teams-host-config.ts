/**
 * The parts of Teams' light host config that decide how our cards look: spacing, fonts, container
 * styles with their colours, and how actions are laid out. The values are those of Microsoft's
 * `samples/HostConfig/microsoft-teams-light.json` in github.com/microsoft/AdaptiveCards; colours
 * are #AARRGGBB or #RRGGBB as there.
 */
const foregroundColors = {
  default: { default: '#ff252424', subtle: '#bf252424' },
  dark: { default: '#252424', subtle: '#bf252424' },
  light: { default: '#ffffff', subtle: '#fff3f2f1' },
  accent: { default: '#6264a7', subtle: '#8b8cc7' },
  good: { default: '#92c353', subtle: '#e592c353' },
  warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
  attention: { default: '#c4314b', subtle: '#e5c4314b' },
};

const backgrounds = {
  default: '#ffffff',
  emphasis: '#fff9f8f7',
  accent: '#C7DEF9',
  good: '#CCFFCC',
  attention: '#FFC5B2',
  warning: '#FFE2B2',
};

const fontStyle = (fontFamily: string) => ({
  fontFamily,
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
});

export type ContainerStyle = keyof typeof backgrounds;
export type ForegroundName = keyof typeof foregroundColors;

export const TEAMS_LIGHT_HOST_CONFIG = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#EEEEEE' },
  fontStyles: {
    default: fontStyle("'Segoe UI', Tahoma, Geneva, Verdana, sans-serif"),
    monospace: fontStyle("'Courier New', Courier, monospace"),
  },
  containerStyles: Object.fromEntries(
    Object.entries(backgrounds).map(([style, backgroundColor]) => [
      style,
      { backgroundColor, foregroundColors },
    ]),
  ) as Record<ContainerStyle, { backgroundColor: string; foregroundColors: typeof foregroundColors }>,
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
  },
  adaptiveCard: { allowCustomStyle: false },
};
