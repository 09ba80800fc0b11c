// Fills a running FaceGrid cluster, then times a full backup and a restore of it through the jobs API, and
// recognition latency idle and while the backup runs. Usage: node backup-benchmark.mjs URL USER:PASSWORD
// PERSONS OBJECTS OBJECT_BYTES PHOTO SHARED_DIR (then migrates the objects there). Every phase is a fixed number of requests; nothing runs unbounded.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const [base, credentials, persons, objects, objectBytes, photoPath, sharedDir] = process.argv.slice(2);
const auth = 'Basic ' + Buffer.from(credentials).toString('base64');
const api = base + '/api/v1';
const photo = readFileSync(photoPath);

async function call(method, path, body, type = 'application/json') {
  const response = await fetch(api + path, { method, body, headers: { Authorization: auth, 'Content-Type': type } });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function inParallel(count, concurrency, task) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

// Runs a job to its end and prints how long each of its steps took (seen by polling, so to about 0.2 s).
async function runJob(name, parameters) {
  const job = await call('POST', '/jobs/' + name, JSON.stringify(parameters));
  const started = performance.now();
  const steps = [];
  for (;;) {
    const now = await call('GET', '/jobs/' + job.id);
    const step = now.progress?.step;
    if (step && step !== steps.at(-1)?.name) steps.push({ name: step, at: performance.now() });
    if (!['STARTING', 'STARTED'].includes(now.status)) {
      const ended = performance.now();
      console.log(`${name} steps: ` + steps.map((s, i) =>
        `${s.name} ${(((steps[i + 1]?.at ?? ended) - s.at) / 1000).toFixed(1)} s`).join(', ')
        + ` (first step seen after ${(((steps[0]?.at ?? ended) - started) / 1000).toFixed(1)} s)`);
      if (now.status === 'COMPLETED') return now;
      throw new Error(name + ' ended ' + JSON.stringify(now));
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

async function recognitionLatencies(count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call('POST', '/recognitions', photo, 'image/jpeg');
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] };
}

let start = performance.now();
await inParallel(Number(persons), 8, i => call('POST', '/persons', JSON.stringify({ name: 'bench person ' + i })));
const person = await call('POST', '/persons', JSON.stringify({ name: 'bench face' }));
await call('POST', `/persons/${person.id}/faces?pick=largest`, photo, 'image/jpeg');
console.log(`filled ${persons} persons in ${((performance.now() - start) / 1000).toFixed(1)} s`);
start = performance.now();
await inParallel(Number(objects), 8, i => call('PUT', `/objects/bench/${i}.bin`, randomBytes(Number(objectBytes)),
  'application/octet-stream'));
console.log(`filled ${objects} objects of ${objectBytes} bytes in ${((performance.now() - start) / 1000).toFixed(1)} s`);

const idle = await recognitionLatencies(40);
let during = null;
const backupDone = runJob('backup', { kind: 'full' });
during = await recognitionLatencies(40); // overlaps the backup's caches and objects steps
const backup = await backupDone;
const mb = backup.counts.archiveBytes / 1e6;
const objectMb = backup.counts.objectBytes / 1e6;
const seconds = backup.durationMs / 1000;
console.log(`backup: ${backup.counts.persons} persons, ${backup.counts.objectFiles} objects (${objectMb.toFixed(1)} MB),`
  + ` archive ${mb.toFixed(1)} MB in ${seconds.toFixed(1)} s = ${(backup.counts.objectFiles / seconds).toFixed(0)} objects/s,`
  + ` ${(backup.counts.persons / seconds).toFixed(0)} persons/s, ${(mb / seconds).toFixed(1)} MB/s`);
console.log(`recognition latency ms: idle p50 ${idle.p50.toFixed(1)} p99 ${idle.p99.toFixed(1)};`
  + ` during the backup p50 ${during.p50.toFixed(1)} p99 ${during.p99.toFixed(1)}`);
const restore = await runJob('restore', { archive: backup.parameters.archive });
const rs = restore.durationMs / 1000;
console.log(`restore: ${restore.counts.persons} persons, ${restore.counts.objectFiles} objects in ${rs.toFixed(1)} s =`
  + ` ${(restore.counts.objectFiles / rs).toFixed(0)} objects/s, ${(restore.counts.persons / rs).toFixed(0)} persons/s,`
  + ` ${(mb / rs).toFixed(1)} MB/s`);
const migration = await runJob('migrate-storage', { to: sharedDir });
const ms = migration.durationMs / 1000;
const copiedMb = migration.counts.bytesCopied / 1e6;
console.log(`migrate-storage: ${migration.counts.objectsCopied} objects (${copiedMb.toFixed(1)} MB) copied and verified,`
  + ` ${migration.counts.localCopiesRemoved} local copies removed, in ${ms.toFixed(1)} s =`
  + ` ${(migration.counts.objectsCopied / ms).toFixed(0)} objects/s, ${(copiedMb / ms).toFixed(1)} MB/s`);
