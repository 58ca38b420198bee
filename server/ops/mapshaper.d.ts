/** The part of mapshaper's Node API used here (the package ships no types). */
declare module 'mapshaper' {
  /** Run mapshaper commands on in-memory files (name → content); resolves with the output files. */
  export function applyCommands(commands: string, input?: Record<string, string | Buffer>): Promise<Record<string, string | Buffer>>;
  const mapshaper: { applyCommands: typeof applyCommands };
  export default mapshaper;
}
