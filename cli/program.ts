// The kubemodel command: parses arguments, calls the layers below, prints,
// sets the exit status. Nothing imports it.
import { Command, CommanderError } from 'commander';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { diagramCommand } from './commands/diagram.js';
import { catalogCommand } from './commands/catalog.js';
import { checkCommand } from './commands/check.js';
import { benchCommand } from './commands/bench.js';
import { reportError, UsageError } from './errors.js';
import { versionText } from './version.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Run the CLI with these arguments; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = new Command('kubemodel')
    .description('An executable model of the Kubernetes control plane, in virtual time.')
    .version(versionText(), '--version', 'print the version of kubemodel and of Kubernetes it models')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.split('\n').filter(Boolean)[0] + '\n') })
    .showSuggestionAfterError(false);

  program.command('run')
    .description('run a scenario: the timeline, expectations and final state')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--seed <n>', 'override the scenario seed')
    .option('-o, --output <format>', 'text, json or yaml', 'text')
    .option('--watch', 'print every store change as a watch event, in the -o format')
    .option('--inject <bug>', 'switch on a known bug (repeatable)', collect)
    .option('--controller <module.js>', "load a user's controller module beside the built-ins (repeatable)", collect)
    .action(async (file, opts) => { status = await runCommand(file, opts); });

  program.command('validate')
    .description('admission only, as kubectl apply --dry-run=server')
    .argument('<files...>', 'manifests or scenario files')
    .action(async (files) => { status = await validateCommand(files); });

  program.command('check')
    .description('run the property suite')
    .option('--runs <n>', 'runs per property')
    .option('--seed <s>', 'pin the seed')
    .option('--property <name>', 'only this property (repeatable)', collect)
    .option('--inject <bug>', 'switch on a known bug (repeatable)', collect)
    .option('--time-limit <duration>', 'a budget of wall time for the whole command, runs and shrinking included (default 90s)')
    .option('--list', 'list properties and known bugs')
    .option('--controller <module.js>', "load a user's controller module beside the built-ins (repeatable)", collect)
    .action(async (opts) => { status = await checkCommand(opts); });

  program.command('bench')
    .description('run the benchmarks and write a report under reports/out/')
    .option('--quick', 'a reduced set, for CI')
    .option('--compare <file>', 'compare with an earlier report')
    .option('--time-limit <duration>', 'a budget of wall time: nothing starts past it, a whole-cluster run is stopped (default 60s with --quick, 30m otherwise)')
    .action(async (opts) => { status = await benchCommand(opts); });

  program.command('catalog')
    .description('the teaching catalogue: list it, or run one case')
    .argument('[name]', 'a case to run')
    .option('-o, --output <format>', 'text, json or yaml', 'text')
    .action(async (name, opts) => { status = await catalogCommand(name, opts); });

  program.command('diagram')
    .description('a state diagram of one of the machines')
    .argument('<machine>', 'pod, node or hardware')
    .option('-o, --output <format>', 'mermaid or json', 'mermaid')
    .action((name, opts) => { status = diagramCommand(name, opts); });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(e);
  }
}

export { UsageError };
