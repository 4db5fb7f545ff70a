import { EXIT, type CliIo } from '../io';

// Placeholder until the command lands.
export async function runSandbox(_args: string[], io: CliIo): Promise<number> {
  io.err('event-tester: sandbox is not available yet');
  return EXIT.usage;
}
