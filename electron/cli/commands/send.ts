import { EXIT, type CliIo } from '../io';

// Placeholder until the command lands.
export async function runSend(_args: string[], io: CliIo): Promise<number> {
  io.err('event-tester: send is not available yet');
  return EXIT.usage;
}
