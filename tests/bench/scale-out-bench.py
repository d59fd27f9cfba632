#!/usr/bin/env python3
"""Scale-out benchmark (issue 12): one `cpcstream run` instance against two, each with one compute thread
(num.stream.threads=1, OMP_NUM_THREADS=1), on the same input, frozen and training.

For each of the four cases it starts a fresh set of topics on one `cpcstream broker` process, starts the instances,
waits until their Kafka Streams clients run, then sends the whole input with `produce --frames N` as fast as the
broker takes it, so the instances always have a backlog. It scrapes every instance's /metrics once a second and
rates the steady part of the run: from 10% to 90% of the expected embeddings. Prints one JSON document.

  tests/bench/scale-out-bench.py [--preset small] [--sources 16] [--frames 1920] [--out FILE]

Needs the runnable jar (`mvn -B -q -pl streams/cli -am package -DskipTests`); the launcher builds it when missing.
"""
import argparse
import json
import math
import os
import platform
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "cpcstream"
PRESETS = ROOT / "model/src/main/resources/dev/cpcstream/model/presets.properties"
FRAME_MS = 10
SCRAPE_SECONDS = 1.0
STEADY = (0.1, 0.9)


def main():
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="cpc-scale-out-"))
    started = []
    try:
        broker = start(["broker", "--port", "0", "--data", str(work / "broker")], work / "broker.log", started)
        bootstrap = "localhost:" + await_log(broker, work / "broker.log", r"listening on localhost:(\d+)").group(1)
        cases = {}
        for mode in ("frozen", "training"):
            for instances in (1, 2):
                cases[f"{mode}-{instances}"] = run_case(args, bootstrap, work, mode, instances, started)
        report = summary(args, cases)
    finally:
        for process in reversed(started):
            stop(process)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", default="small")
    p.add_argument("--sources", type=int, default=16)
    p.add_argument("--frames", type=int, default=1920, help="frames per source (10 ms each)")
    p.add_argument("--timeout", type=float, default=900, help="seconds one case may take")
    p.add_argument("--out", help="also write the JSON here")
    p.add_argument("--keep", action="store_true", help="keep the broker's data and the processes' logs")
    return p.parse_args()


def run_case(args, bootstrap, work, mode, instances, started):
    """One case: fresh topics and application id, `instances` run processes, the input, the scrapes."""
    prefix = f"bench-{mode}-{instances}."
    runs = []
    for i in range(instances):
        config = write_config(work / f"{prefix}{i}.properties", bootstrap, prefix, work / f"{prefix}state-{i}",
                              args.preset, mode == "training")
        log = work / f"{prefix}run-{i}.log"
        process = start(["run", "--config", str(config)], log, started)
        port = await_log(process, log, r"Serving /metrics and /health on http://[^:]+:(\d+)").group(1)
        runs.append((process, f"http://127.0.0.1:{port}"))
    for process, url in runs:
        await_running(process, url)
    expected = args.sources * windows_per_source(args.preset, args.frames)
    producer = start(["produce", "--bootstrap", bootstrap, "--topic-prefix", prefix, "--preset", args.preset,
                      "--source", f"synthetic:{args.sources}", "--frames", str(args.frames)],
                     work / f"{prefix}produce.log", started)
    samples = scrape_until(runs, expected, args.timeout)
    producer.wait()
    for process, _ in runs:
        stop(process)
    return rate(samples, expected)


def write_config(path, bootstrap, prefix, state, preset, training):
    path.write_text("\n".join([
        f"bootstrap.servers={bootstrap}",
        f"application.id=cpcstream-{prefix.rstrip('.')}",
        f"state.dir={state}",
        "num.stream.threads=1",
        f"cpc.preset={preset}",
        f"cpc.topic.prefix={prefix}",
        "cpc.topic.partitions=8",
        f"cpc.train.enabled={'true' if training else 'false'}",
        "cpc.metrics.port=0",
    ]) + "\n")
    return path


def windows_per_source(preset, frames):
    values = {}
    for line in PRESETS.read_text().splitlines():
        match = re.match(r"(default|" + re.escape(preset) + r")\.(\w+)=(\S+)", line)
        if match:
            values[match.group(2)] = match.group(3)
    samples = frames * int(values["sampleRate"]) * FRAME_MS // 1000
    return (samples - int(values["window"])) // int(values["hop"]) + 1


def scrape_until(runs, expected, timeout):
    """Scrapes every instance once a second until the embeddings reach `expected`."""
    samples = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        t = time.monotonic()
        per_instance = [scrape(url) for _, url in runs]
        samples.append({"t": t, "instances": per_instance})
        if sum(i["embeddings"] for i in per_instance) >= expected:
            return samples
        time.sleep(max(0.0, SCRAPE_SECONDS - (time.monotonic() - t)))
    raise SystemExit(f"the embeddings did not reach {expected} in {timeout} s: {samples[-1]}")


def scrape(url):
    text = urllib.request.urlopen(url + "/metrics", timeout=10).read().decode()

    def metric(name):
        return sum(float(m.group(2)) for m in re.finditer(rf"^{name}(\{{[^}}]*}})? (\S+)$", text, re.M))
    return {"embeddings": metric("cpc_embeddings_out_total"), "trainSteps": metric("cpc_train_steps_total"),
            "versionLag": metric("cpc_model_version_lag"), "modelVersion": metric("cpc_model_version")}


def rate(samples, expected):
    """Rates between the moments the embeddings crossed 10% and 90% of `expected` (interpolated)."""
    def total(sample, key):
        return sum(i[key] for i in sample["instances"])

    def crossing(level):
        for before, after in zip(samples, samples[1:]):
            a, b = total(before, "embeddings"), total(after, "embeddings")
            if a < level <= b:
                return before["t"] + (after["t"] - before["t"]) * (level - a) / (b - a)
        raise SystemExit(f"the embeddings never crossed {level}")

    start, end = crossing(STEADY[0] * expected), crossing(STEADY[1] * expected)
    steady = [s for s in samples if start <= s["t"] <= end]
    steps = total(steady[-1], "trainSteps") - total(steady[0], "trainSteps") if len(steady) > 1 else 0.0
    steps_seconds = steady[-1]["t"] - steady[0]["t"] if len(steady) > 1 else 1.0
    t0 = samples[0]["t"]
    return {
        "expectedEmbeddings": expected,
        "steadySeconds": round(end - start, 2),
        "embeddingsPerSecond": round((STEADY[1] - STEADY[0]) * expected / (end - start), 2),
        "trainStepsPerSecond": round(steps / steps_seconds, 3),
        "wallSeconds": round(samples[-1]["t"] - t0, 1),
        "versionLag": [{"t": round(s["t"] - t0, 1), "max": max(i["versionLag"] for i in s["instances"]),
                        "versions": [none_if_nan(i["modelVersion"]) for i in s["instances"]]} for s in samples],
    }


def none_if_nan(value):
    """A gauge before its first value reads NaN, which JSON has no word for."""
    return None if math.isnan(value) else value


def summary(args, cases):
    def ratio(key, mode):
        single = cases[f"{mode}-1"][key]
        return round(cases[f"{mode}-2"][key] / single, 3) if single else None
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "loadAverageAtEnd": os.getloadavg(),
        "python": platform.python_version(),
        "preset": args.preset, "sources": args.sources, "framesPerSource": args.frames, "partitions": 8,
        "frozenSpeedup": ratio("embeddingsPerSecond", "frozen"),
        "trainingSpeedup": ratio("embeddingsPerSecond", "training"),
        "trainingStepRateRatio": ratio("trainStepsPerSecond", "training"),
        "goals": {"frozenSpeedup": 1.7, "trainingSpeedup": 1.5, "trainingStepRateRatio": [0.9, 1.1]},
        "cases": cases,
    }


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def start(args, log, started):
    """A `cpcstream` command with one compute thread; its stdout and stderr go to `log`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CPC_", "KAFKA_"))}
    env["OMP_NUM_THREADS"] = "1"
    with open(log, "w") as out:
        process = subprocess.Popen([str(LAUNCHER), *args], stdout=out, stderr=subprocess.STDOUT, env=env)
    started.append(process)
    return process


def await_log(process, log, pattern, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(pattern, log.read_text())
        if match:
            return match
        if process.poll() is not None:
            raise SystemExit(f"{log} ended (exit {process.returncode}) without /{pattern}/")
        time.sleep(0.2)
    raise SystemExit(f"no /{pattern}/ in {log} after {timeout} s")


def await_running(process, url, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            health = json.loads(urllib.request.urlopen(url + "/health", timeout=10).read())
        except urllib.error.HTTPError as not_ready:
            health = json.loads(not_ready.read())
        if health["streams"] == "RUNNING":
            return
        if process.poll() is not None:
            raise SystemExit(f"an instance exited with {process.returncode}")
        time.sleep(0.5)
    raise SystemExit(f"{url} did not reach RUNNING in {timeout} s")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    main()
