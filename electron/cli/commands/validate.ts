import { EXIT, type CliIo } from '../io';

// Placeholder until the command lands.
export async function runValidate(_args: string[], io: CliIo): Promise<number> {
  io.err('event-tester: validate is not available yet');
  return EXIT.usage;
}
