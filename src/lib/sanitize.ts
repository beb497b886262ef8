/**
 * Make untrusted text (titles, notes, API and model answers) safe to print in a terminal: drop escape
 * sequences (CSI, OSC, DCS …), C0/C1 control characters and bidi overrides, keep ordinary Unicode.
 */
export function sanitizeText(text: string): string {
  return text
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '') // OSC … BEL/ST
    .replace(/\u001b[P^_X][^\u001b]*(?:\u001b\\)?/g, '') // DCS, PM, APC, SOS … ST
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '') // CSI
    .replace(/\u009b[0-?]*[ -/]*[@-~]/g, '') // 8-bit CSI
    .replace(/\u001b[@-_]?/g, '') // any other ESC
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '') // bidi overrides can disguise text
    .replace(/[\t\n]/g, ' ');
}
