export function buildNeeded(): boolean;
export const BUILD: { command: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string };
