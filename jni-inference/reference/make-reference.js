// Computes reference dlib face descriptors with face-api 1.7.15 on the tfjs WASM backend, fully offline,
// for chips drawn by an integer formula that FaceGrid's test draws the same way (ReferenceChips.java in the tests).
// The numbers it prints are kept as test data (src/test/resources/reference/descriptors.json):
//   cd jni-inference/reference && npm ci && node make-reference.js > ../src/test/resources/reference/descriptors.json
// It is also the face-api side of the embedding benchmark: node make-reference.js --bench
'use strict';
const path = require('path');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const CHIPS = 4;
const SIZE = 150;

/** Chip k's value at (x, y) in channel c: the same integer formula as ReferenceChips.java. */
function value(k, x, y, c) {
  return (x * (3 + k) + y * (5 + 2 * k) + c * 71 + ((x * y) >> (k + 2)) + k * 37) % 256;
}

function chip(k) {
  const data = new Int32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) for (let c = 0; c < 3; c++) {
    data[(y * SIZE + x) * 3 + c] = value(k, x, y, c);
  }
  return tf.tensor3d(data, [SIZE, SIZE, 3], 'int32');
}

async function main() {
  // offline: the WASM binaries come from the installed package, never from a CDN
  wasm.setWasmPaths(path.join(__dirname, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'), false);
  await tf.setBackend('wasm');
  await tf.ready();
  await faceapi.nets.faceRecognitionNet.loadFromDisk(path.join(__dirname, 'node_modules/@vladmandic/face-api/model'));
  if (process.argv.includes('--bench')) {
    return bench();
  }
  const descriptors = [];
  for (let k = 0; k < CHIPS; k++) {
    const input = chip(k);
    const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
    descriptors.push(Array.from(descriptor));
    input.dispose();
  }
  process.stdout.write(JSON.stringify({
    producer: 'face-api 1.7.15, tfjs ' + tf.version.tfjs + ' wasm backend',
    chips: CHIPS,
    descriptors,
  }, null, 1) + '\n');
}

/** Milliseconds per face for batches of 1 and 8 (the peer of EmbeddingBenchmark). */
async function bench() {
  const rounds = Number(process.env.ROUNDS || 20);
  for (const batch of [1, 8]) {
    const inputs = Array.from({ length: batch }, (_, i) => chip(i % CHIPS));
    await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(batch === 1 ? inputs[0] : inputs); // warm up
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) {
      await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(batch === 1 ? inputs[0] : inputs);
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / rounds / batch;
    console.log(`face-api wasm threads=${wasm.getThreadsCount ? wasm.getThreadsCount() : '?'} batch=${batch} ms_per_face=${ms.toFixed(2)}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
