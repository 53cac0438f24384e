/** The names the report fonts are registered under, and the report colours. */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold', italic: 'Sans-Oblique', mono: 'Mono' };
export const COLOR = { ink: '#1a1f2b', muted: '#5b6475', rule: '#c9ced8', accent: '#1f4e79' };
