/**
 * `event-tester`: the headless entry into the product. Argument parsing and printing only;
 * everything else is electron/core.
 */
import { runValidate } from './commands/validate';
import { runSend } from './commands/send';
import { runSandbox } from './commands/sandbox';
import { runUi } from './commands/ui';
import { runHistory } from './commands/history';
import { runDelivery } from './commands/delivery';
import { runProfiles } from './commands/profiles';
import { runCollect } from './commands/collect';
import { runEvents } from './commands/events';
import { runSchema } from './commands/schema';
import { runRun } from './commands/run';
import { EXIT, type CliIo, defaultIo } from './io';

const USAGE = `Usage: event-tester <command> [options]

Commands:
  validate <file>...   Check Segment events (one event, an array, or a batch envelope per file)
                       --json          print machine-readable results
                       --type <call>   the call type for bodies without "type" (as posted to /v1/<call>)
                       --settings FILE also lint for Marketo V2 with these destination settings
  send <file>          Deliver one event to Marketo and print the lifecycle; a JSON array, a batch
                       envelope or NDJSON goes through the batched path, one line per event
                       --dry-run       plan the calls only, send nothing
                       --verify        read the activity back and show it beside what was sent
                       --json          print { outcome, reason?, hint?, interactions }
                       --settings FILE destination settings (JSON); default: the sandbox's
                       --endpoint URL  Marketo base URL, e.g. https://123-ABC-456.mktorest.com
                                       credentials from MARKETO_CLIENT_ID / MARKETO_CLIENT_SECRET
                       --no-record     do not record the delivery in the history
                       --profile NAME  send with a profile's endpoint and settings (see profiles)
  profiles list|add|remove|test
                       The app's Marketo profiles; credentials from MARKETO_CLIENT_ID /
                       MARKETO_CLIENT_SECRET (run 'event-tester profiles --help')
  history              List recorded deliveries, newest first (app, ui and CLI alike)
                       --since SPAN    10m, 2h, 7d or an ISO date
                       --outcome LIST  e.g. failed,rejected    --source LIST  e.g. cli,app
                       --event-contains TEXT   event names holding TEXT (any case)
                       --limit N       at most N (default 50)   --json  full records
  history show ID      Print one recorded delivery's lifecycle as send does
  sandbox              Run the embedded Marketo sandbox until interrupted
                       --port N        port to listen on (default: any free port)
  ui                   Run the app in your browser (for machines without the desktop app)
                       --port N        port on 127.0.0.1 (default: any free port)
                       --no-open       print the link only    --data-dir DIR  the data folder
  collect              Run the local collector (Segment's tracking API) until interrupted
                       --port N        port on 127.0.0.1 (default 4317)
                       --forward PROFILE deliver good events to a profile (name or id), sandbox or marketo-env
  events               List events the collector received, newest first
                       --since SPAN  --source KEY|NAME  --type CALL  --event NAME  --good|--bad
                       --search TEXT  --limit N  --json  whole events with payload and problems
  schema               Count received events per name; --event NAME: property presence
                       --since SPAN (default 7d)  --source KEY|NAME  --json
  delivery             Event Delivery: summary vs the previous period, top issues, trend buckets
                       --since 10m|1h|6h|24h|7d|14d (default 24h) or a span/ISO date
                       --profile NAME|ID   --source LIST   --issues N (default 10)   --json
  run <suite.json>...  Run saved test suites and check each case's expectation (exit 0: all held)
                       --profile NAME | --endpoint URL   --settings FILE   --var name=value
                       --reporter text|json|junit   --out FILE   --bail   --grep PATTERN

Every command reads and writes the app's data folder (history, profiles, collected events);
--data-dir DIR (or EVENT_TESTER_HOME) points it at another.

Exit codes: 0 ok (delivered, skipped, valid, every expectation held), 1 rejected, failed, uncertain or
invalid, 2 usage or input error.`;

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest, io);
    case 'send':
      return runSend(rest, io);
    case 'sandbox':
      return runSandbox(rest, io);
    case 'ui':
      return runUi(rest, io);
    case 'history':
      return runHistory(rest, io);
    case 'profiles':
      return runProfiles(rest, io);
    case 'collect':
      return runCollect(rest, io);
    case 'events':
      return runEvents(rest, io);
    case 'schema':
      return runSchema(rest, io);
    case 'delivery':
      return runDelivery(rest, io);
    case 'run':
      return runRun(rest, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      io.err(`event-tester: unknown command '${command}'\n\n${USAGE}`);
      return EXIT.usage;
  }
}
