import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CommandLine, defineCommand } from './define-command';
import { UsageError } from './usage-error';

const PACKAGE_DIRECTORY = path.join(__dirname, '..', '..');
const STARTER_DIRECTORY = path.join(PACKAGE_DIRECTORY, 'starter');

function help(): string {
  return `Usage: durable-agent init <directory> [--durable-agent <spec>]

Writes a small project into <directory> (new or empty): an agent, a worker, a tool that asks for
approval, a test against a local Temporal dev server and the offline demo model, \`npm start\` and
\`npm test\`, and a README. Then: cd <directory> && npm install && npm test.

Options:
  --durable-agent <spec>  what the project's package.json depends on (e.g. ^0.1.0 once published);
                          default: this durable-agent, packed into <directory>/vendor
  -h, --help              show this help`;
}

/** `durable-agent init <directory>`: exit 0 when written, 2 for bad arguments or a non-empty directory. */
export const run = defineCommand({
  name: 'init',
  help,
  flags: { 'durable-agent': { type: 'string' } },
  positionals: true,
  usageHint: (text) => `\n${text}`,
  parse: parseOptions,
  run: writeProject,
});

interface InitOptions {
  readonly directory: string;
  /** What the project's package.json depends on; absent: this package, packed. */
  readonly dependency: string | undefined;
}

function parseOptions({
  values,
  positionals,
}: CommandLine<{ 'durable-agent': { type: 'string' } }>): InitOptions {
  const [target, ...extra] = positionals;
  if (target === undefined) throw new UsageError("Name the new project's <directory>.");
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  return { directory: path.resolve(target), dependency: values['durable-agent'] };
}

async function writeProject({ directory, dependency: wanted }: InitOptions): Promise<number> {
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    console.error(`${directory} is not empty; choose a new directory.`);
    return 2;
  }
  mkdirSync(directory, { recursive: true });
  cpSync(STARTER_DIRECTORY, directory, { recursive: true });
  // npm leaves out files named .gitignore when it packs a package: the starter ships it as `gitignore`.
  renameSync(path.join(directory, 'gitignore'), path.join(directory, '.gitignore'));
  const name = path
    .basename(directory)
    .toLowerCase()
    .replace(/[^a-z0-9-._]/g, '-');
  const readme = path.join(directory, 'README.md');
  writeFileSync(readme, readFileSync(readme, 'utf8').replaceAll('{{name}}', name));
  const dependency = wanted ?? packThisPackage(directory);
  writeFileSync(
    path.join(directory, 'package.json'),
    `${JSON.stringify(manifest(name, dependency), null, 2)}\n`,
  );
  console.log(`Created ${name} in ${directory}`);
  console.log(`Next: cd ${path.relative(process.cwd(), directory) || '.'} && npm install && npm test`);
  return 0;
}

/** Until durable-agent is on npm: this very package, packed into the project (works offline). */
function packThisPackage(directory: string): string {
  const vendor = path.join(directory, 'vendor');
  mkdirSync(vendor);
  const output = execFileSync('npm', ['pack', PACKAGE_DIRECTORY, '--pack-destination', vendor, '--silent'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const file = output.trim().split('\n').at(-1) ?? '';
  return `file:vendor/${file}`;
}

function manifest(name: string, durableAgent: string): Record<string, unknown> {
  const own = JSON.parse(readFileSync(path.join(PACKAGE_DIRECTORY, 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
    dependencies: Record<string, string>;
    engines: Record<string, string>;
  };
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: own.engines,
    scripts: { start: 'node src/main.js', test: 'node --test' },
    dependencies: {
      '@temporalio/worker': own.peerDependencies['@temporalio/worker'],
      'durable-agent': durableAgent,
      zod: own.dependencies.zod,
    },
    // npm 11 asks which dependencies may run install scripts: better-sqlite3 builds from source only
    // where it ships no prebuilt binary; the others' scripts are checks this project does not need.
    allowScripts: { 'better-sqlite3': true, '@swc/core': false, protobufjs: false },
  };
}
