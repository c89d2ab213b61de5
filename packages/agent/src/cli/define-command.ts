import { AgentError } from '../common/errors';
import { type OptionsConfig, type ParsedCommandLine, parseCommandLine } from './command-line';
import { visibleText } from './terminal-text';
import { UsageError } from './usage-error';

const helpFlag = { help: { type: 'boolean', short: 'h' } } as const;

/** A command line with the flags a command declares, and `-h, --help`. */
export type CommandLine<Flags extends OptionsConfig> = ParsedCommandLine<Flags & typeof helpFlag>;

export interface CommandDefinition<Flags extends OptionsConfig, Options> {
  /** Its name after `durable-agent` (`agent`, `serve`…). */
  readonly name: string;
  /** What `--help` prints. */
  readonly help: () => string;
  /** Its flags (`-h, --help` is added). */
  readonly flags: Flags;
  /** Whether it takes arguments besides flags (default: no; one is a usage mistake). */
  readonly positionals?: boolean;
  /** What follows a usage mistake's message (default: ``Run `durable-agent <name> --help` for the options.``). */
  readonly usageHint?: (help: string) => string;
  /**
   * The command line as the command's options; throws a {@link UsageError} for a mistake (or an
   * `invalid-options` {@link AgentError}, for a file an option names: printed as an error, exit 2 too).
   */
  readonly parse: (commandLine: CommandLine<Flags>) => Options | Promise<Options>;
  /** Runs the command with its options; resolves with its exit code. */
  readonly run: (options: Options, stop?: AbortSignal) => Promise<number>;
}

/** A command's entry point: `run(args, stop?)`, resolving with the exit code. */
export type CommandRun = (args: string[], stop?: AbortSignal) => Promise<number>;

/**
 * One skeleton for every CLI command: parses its flags strictly, prints `--help` (exit 0), prints a usage
 * mistake with a hint on stderr (exit 2), and otherwise runs it.
 */
export function defineCommand<Flags extends OptionsConfig, Options>(
  definition: CommandDefinition<Flags, Options>,
): CommandRun {
  const hint =
    definition.usageHint ?? (() => `Run \`durable-agent ${definition.name} --help\` for the options.`);
  return async (args, stop) => {
    let options: Options;
    try {
      const commandLine = parseCommandLine(
        args,
        { ...definition.flags, ...helpFlag },
        definition.positionals ?? false,
      );
      if ((commandLine.values as { help?: boolean }).help) {
        console.log(definition.help());
        return 0;
      }
      options = await definition.parse(commandLine as CommandLine<Flags>);
    } catch (error) {
      if (error instanceof AgentError && error.code === 'invalid-options') {
        console.error(`[error] ${visibleText(error.message)}`);
        return 2;
      }
      if (!(error instanceof UsageError)) throw error;
      console.error(`${error.message}\n${hint(definition.help())}`);
      return 2;
    }
    return definition.run(options, stop);
  };
}
