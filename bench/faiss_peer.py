#!/usr/bin/python3
"""The FAISS side of the matcher benchmark: IndexFlatL2 (Debian python3-faiss) over the vectors
MatcherBenchmark wrote, single queries and batches of 16, one thread and all threads.
Usage: /usr/bin/python3 bench/faiss_peer.py N DIR"""
import os
import sys
import time

import faiss
import numpy as np

n, directory = int(sys.argv[1]), sys.argv[2]
base = np.fromfile(os.path.join(directory, f"base-{n}.f32"), dtype="<f4").reshape(-1, 128)
queries = np.fromfile(os.path.join(directory, f"queries-{n}.f32"), dtype="<f4").reshape(-1, 128)
index = faiss.IndexFlatL2(128)
index.add(base)
for threads in (1, os.cpu_count()):
    faiss.omp_set_num_threads(threads)
    index.search(queries[:1], 10)  # warm up
    start = time.perf_counter()
    for q in queries:
        index.search(q.reshape(1, -1), 10)
    single = (time.perf_counter() - start) * 1e3 / len(queries)
    batches = [queries[i:i + 16] for i in range(0, len(queries) - 15, 16)]
    start = time.perf_counter()
    for b in batches:
        index.search(b, 10)
    batched = (time.perf_counter() - start) * 1e3 / (len(batches) * 16)
    print(f"n={n} faiss IndexFlatL2 threads={threads} single ms_per_query={single:.2f} batch16 ms_per_query={batched:.2f}")
