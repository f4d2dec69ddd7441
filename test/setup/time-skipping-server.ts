import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { defaultCacheDir, findOnPath } from '../../src/stack/temporal-binary';
import { freePort } from '../helpers/ports';

/** The Java SDK release whose test server the workflow tier runs (io.temporal:temporal-test-server). */
export const TEST_SERVER_VERSION = '1.38.0';

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>mir</groupId><artifactId>temporal-test-server</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;

/**
 * Temporal's time-skipping test server, as `TestWorkflowEnvironment.createTimeSkipping` runs it:
 * an executable taking the port to serve on. The SDK would download a native build from
 * Temporal's own site, which this project's machines cannot reach; the same server is published
 * on Maven Central as a Java library. So the first run resolves it with Maven (its jars stay in
 * ~/.m2), records a class-data-sharing archive of its start, and writes a script that starts it
 * from that archive: the SDK gives the server five seconds to answer, and a cold JVM on a busy
 * two-core machine takes about three. Built in a folder of its own and renamed into place, so two
 * runs at once cannot leave half of one. Returns the script's path.
 */
export async function ensureTimeSkippingServer(log: (line: string) => void): Promise<string> {
  const dir = path.join(process.env.MIR_CACHE_DIR ?? defaultCacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}`);
  const script = path.join(dir, 'temporal-test-server');
  if (existsSync(script) && classpathPresent(dir)) return script;
  const java = findOnPath('java', process.env.PATH);
  const mvn = findOnPath('mvn', process.env.PATH);
  if (!java || !mvn) {
    throw new Error(
      "the workflow tests run Temporal's test server on Java: install a JDK 17+ and Maven (Debian: default-jdk maven)",
    );
  }
  log(`resolving Temporal's time-skipping test server ${TEST_SERVER_VERSION} from Maven Central`);
  mkdirSync(path.dirname(dir), { recursive: true });
  const work = mkdtempSync(`${dir}.tmp-`);
  try {
    chmodSync(work, 0o755);
    writeFileSync(path.join(work, 'pom.xml'), POM);
    await promisify(execFile)(mvn, ['-q', '-B', 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt'], {
      cwd: work,
    }).catch((err: { stdout?: string; message: string }) => {
      // Maven reports its errors on stdout.
      throw new Error(`${err.message}\n${err.stdout ?? ''}`);
    });
    const classpath = readFileSync(path.join(work, 'classpath.txt'), 'utf8').trim();
    const flags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', classpath];
    await recordStartArchive(java, [`-XX:ArchiveClassesAtExit=${path.join(work, 'start.jsa')}`, ...flags]);
    const args = [
      `-XX:SharedArchiveFile=${path.join(dir, 'start.jsa')}`,
      ...flags,
      'io.temporal.testserver.TestServer',
    ];
    writeFileSync(
      path.join(work, 'temporal-test-server'),
      `#!/bin/sh\nexec ${[java, ...args].map((a) => `'${a}'`).join(' ')} "$@"\n`,
      { mode: 0o755 },
    );
    // Another run may have put a complete one in place meanwhile: keep that, it may be in use.
    if (existsSync(script) && classpathPresent(dir)) rmSync(work, { recursive: true, force: true });
    else {
      rmSync(dir, { recursive: true, force: true });
      renameSync(work, dir);
    }
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    if (existsSync(script) && classpathPresent(dir)) return script;
    throw err;
  }
  return script;
}

/** The jars live in Maven's cache, which someone may have emptied since. */
function classpathPresent(dir: string): boolean {
  const file = path.join(dir, 'classpath.txt');
  return existsSync(file) && readFileSync(file, 'utf8').trim().split(':').every(existsSync);
}

/** Starts the server once, until it accepts a connection, and stops it: the JVM writes the archive on exit. */
async function recordStartArchive(java: string, flags: string[]): Promise<void> {
  const port = await freePort();
  const server = spawn(java, [...flags, 'io.temporal.testserver.TestServer', String(port)], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const deadline = Date.now() + 120_000;
  while (!(await accepts(port))) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error('the test server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill('SIGTERM');
  await exited;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
