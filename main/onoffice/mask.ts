/** The only form in which a token may be shown or stored in clear: its first and last four characters. */
export function tokenHint(token: string): string {
  const t = token.trim();
  if (t.length <= 10) return '…';
  return `${t.slice(0, 4)}…${t.slice(-4)}`;
}
