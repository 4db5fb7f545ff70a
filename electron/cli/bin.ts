import { main } from './index';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`event-tester: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
