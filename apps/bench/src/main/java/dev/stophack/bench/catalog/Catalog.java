package dev.stophack.bench.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every benchmark {@code stophack bench} knows, in the order it runs them: the cheap ones first,
 * so that a run that is stopped early still has figures.
 */
public final class Catalog {
    private Catalog() {
    }

    public static List<Benchmark> all() {
        return List.of(
                new Benchmark("producer", "apps/producer", "ProducerBenchmark",
                        "producer load mode vs a bare send loop and Kafka's ProducerPerformance",
                        "Process events from the generator's CSV sent to a broker started in the benchmark's JVM, with one"
                                + " producer configuration for all (acks=all, idempotent, lz4): `stophack produce` load mode"
                                + " (reading, JSON, keying, sending) against a bare `KafkaProducer` loop over pre-built JSON"
                                + " bytes (the limit) and Kafka's `ProducerPerformance` fed the same events as its payload"
                                + " file. Each contender is warmed up, then run three times in turn, in a different order each"
                                + " run. Goal: at least 0.8x the bare loop.",
                        Map.of("bench.events", "2000000", "bench.warmup", "2000000", "bench.runs", "3"),
                        Map.of("bench.events", "500000", "bench.warmup", "500000", "bench.runs", "3"),
                        "500,000 events per run instead of 2,000,000"),
                new Benchmark("consumer", "apps/consumer", "CountingBenchmark",
                        "consumer counting vs a bare poll loop",
                        "Process events on the producers' schedule in a broker of the benchmark's JVM, read whole by one"
                                + " thread per variant, variants in turn: a bare `KafkaConsumer` poll loop that parses nothing"
                                + " (the reference), the same with Jackson into a POJO, and `stophack consume`'s counting"
                                + " (`RecordHandler` into `LiveCounts`). One warm-up round, then three measured. Goal: at least"
                                + " 0.8x the bare loop.",
                        Map.of("consumer.excludedGroups", "", "groups", "benchmark", "bench.events", "2000000"),
                        Map.of("consumer.excludedGroups", "", "groups", "benchmark", "bench.events", "500000"),
                        "500,000 events instead of 2,000,000"),
                new Benchmark("streaming", "apps/streaming", "StreamingBenchmark",
                        "streaming end to end vs a bare consume + Jackson loop, cold and steady",
                        "Generated events pre-filled on the producers' schedule (5 machines, 2 partitions per topic) into a"
                                + " broker; the broker and the S3 endpoint each a process of their own (`stophack kafka`,"
                                + " `stophack s3`), as deployed, on the same cores; then, per measured run, a"
                                + " bare `KafkaConsumer` + Jackson token loop on one thread over all of them (the reference),"
                                + " and `stophack stream --once` on `local[2]` scored by the repository's baseline GBT models."
                                + " One warm-up run of the job first. Cold: events / the whole ingest query, first batch"
                                + " included. Steady: the events of the ingest batches after the first / their own durations."
                                + " The CPU seconds of the benchmark's JVM, the broker and S3 during each run are in its output."
                                + " After each measured run of the job, a plain Spark job written the seed's way"
                                + " (`PlainStreamingJob`: `from_json` with a schema, K/M/G sizes by column functions, the same"
                                + " baseline models by `PipelineModel.transform`, parquet to local disk, `availableNow`) on the"
                                + " same topics, after a warm-up run of its own; its figure is information."
                                + " Goal: steady state at least 0.5x the bare loop.",
                        Map.of("bench.args", "--events 2000000 --runs 3 --state-minutes 0"),
                        Map.of("bench.args", "--events 500000 --max-offsets-per-trigger 125000 --runs 1 --state-minutes 0"),
                        "500,000 events in batches of 125,000 instead of 2,000,000 in the job's own batches of 500,000,"
                                + " one measured run instead of three"),
                new Benchmark("streaming-state", "apps/streaming", "StreamingBenchmark",
                        "streaming state rows and heap over an hour of event time",
                        "Events over an hour of event time at the producers' schedule (5 machines) pre-filled, then"
                                + " replayed through the running job (`local[2]`, 1 s trigger) about two minutes of event time"
                                + " per ingest batch. Per window and join query: its largest state-store row count in the last"
                                + " ten minutes of event time against the first ten. Goal: flat, at most 1.5x.",
                        Map.of("bench.args", "--skip-throughput --state-minutes 60 --bench-name streaming-state"),
                        Map.of("bench.args", "--skip-throughput --state-minutes 30 --bench-name streaming-state"),
                        "30 minutes of event time instead of 60"),
                new Benchmark("streaming-catch-up", "apps/streaming", "StreamingBenchmark",
                        "streaming catch-up after an outage: 1 h and 10 h of backlog",
                        "A backlog of events at the producers' schedule (5 machines, about 55 events/s of event time)"
                                + " put on the topics while the job is down; broker and S3 each their own process. Then the"
                                + " job starts as deployed (`local[2]`, 5 s trigger, 500,000 records per batch, no checkpoint"
                                + " yet): seconds from the Spark session's creation until the window and join queries"
                                + " (`potential-attacks`, `attack-counts`, `detected-attacks`) have each committed the batch"
                                + " at the backlog's last watermark. Goals: 1 h within 60 s, 10 h within 300 s.",
                        Map.of("bench.args", "--skip-throughput --state-minutes 0 --catch-up-hours 1,10"
                                + " --bench-name streaming-catch-up"),
                        Map.of("bench.args", "--skip-throughput --state-minutes 0 --catch-up-hours 1"
                                + " --bench-name streaming-catch-up"),
                        "1 h of backlog only (about 200,000 events); the 10 h backlog (about 2,000,000 events) only in the"
                                + " full run"),
                new Benchmark("streaming-latency", "apps/streaming", "StreamingBenchmark",
                        "streaming detection latency, event time to the attacks topic and to the parquet",
                        "The job running as deployed (`local[2]`, 5 s trigger), broker and S3 each their own process;"
                                + " once every query has finished a batch, events sent in real time at the producers' schedule"
                                + " (5 machines), then one more minute for the last batches. For each detected attack, from"
                                + " the later of its two events' event time to its first record's Kafka timestamp on"
                                + " `attacks`, and to the write of the first `_spark_metadata` entry that lists its parquet"
                                + " file. Goal: p99 within one trigger plus the join's 30 s bound (35 s).",
                        Map.of("bench.args", "--skip-throughput --state-minutes 0 --latency-seconds 180"
                                + " --bench-name streaming-latency"),
                        Map.of("bench.args", "--skip-throughput --state-minutes 0 --latency-seconds 90"
                                + " --bench-name streaming-latency"),
                        "90 s of sending instead of 3 minutes: fewer attacks, so the p99 is nearly the largest"),
                new Benchmark("streaming-growth", "apps/streaming", "StreamingBenchmark",
                        "streaming growth: events/s and peak heap by events and by cores",
                        "Events pre-filled at the producers' schedule, broker and S3 each their own process; `stophack"
                                + " stream --once` scored by the baseline models on `local[1]` and on `local[2]` for each size,"
                                + " sizes ascending, after one warm-up run, each measured run the first of a fresh Spark"
                                + " session. Events/s over the whole ingest query, peak heap"
                                + " of the benchmark's JVM during the run. `local[2]` against `local[1]`: information.",
                        Map.of("bench.args", "--skip-throughput --state-minutes 0 --growth-events 500000,1000000,2000000"
                                + " --bench-name streaming-growth"),
                        Map.of("bench.args", "--skip-throughput --state-minutes 0 --growth-events 100000,200000,400000"
                                + " --max-offsets-per-trigger 50000 --bench-name streaming-growth"),
                        "100,000, 200,000 and 400,000 events in batches of 50,000 instead of 0.5M, 1M and 2M in batches"
                                + " of 500,000"),
                new Benchmark("training", "apps/training", "TrainingBenchmark",
                        "training: stophack's whole job vs a plain Spark program doing the seed's core work",
                        "Generated training files (seed 42) per kind, Spark `local[2]` in one JVM (`-Xmx6g`, parallel"
                                + " collector). Per kind and algorithm: stophack's whole job (check, load and clean, explore,"
                                + " split, rebalance, select features, fit, evaluate, charts, report, save to a model store)"
                                + " against `PlainTraining`, the program a user would write instead (the CSV read with a"
                                + " schema, sizes cleaned with column functions, 1:2 rebalance with `sampleBy`, the same"
                                + " pipeline fit on the same features, AUC and F1 on the test split; one cache). A bare"
                                + " `Pipeline.fit` on the job's cached rows is kept as information. One untimed whole job"
                                + " warms the JVM up. Goal: whole job at most 1.0x the plain program.",
                        Map.of("bench.rows", "250000", "bench.runs", "3"),
                        Map.of("bench.rows", "100000", "bench.runs", "1"),
                        "100,000 rows per kind instead of 250,000, one measured run instead of three"),
                new Benchmark("training-growth", "apps/training", "TrainingBenchmark#growth",
                        "training growth: the whole job's time and peak heap by rows per kind",
                        "Generated training files (seed 42) of each size, Spark `local[2]` in one JVM (`-Xmx6g`,"
                                + " parallel collector), the decision tree. After one untimed job at the smallest size, per"
                                + " size (ascending) and kind: stophack's whole job, its time and the heap pools' peak. Each"
                                + " figure compares a size with the smallest: linear growth is a ratio equal to the ratio of"
                                + " the rows. Information, no goal.",
                        Map.of("bench.growth", "250000,1000000,4000000"),
                        Map.of("bench.growth", "100000,250000"),
                        "100,000 and 250,000 rows per kind instead of 250,000, 1,000,000 and 4,000,000"),
                new Benchmark("model-switch", "apps/streaming", "ModelSwitchBenchmark",
                        "model switch: hot swap vs restart from the checkpoint",
                        "The streaming job as its own process at its defaults (5 s trigger, 10 s model poll), broker and"
                                + " S3 as processes of their own; events sent in real time at the producers' schedule. Each"
                                + " round promotes a version three ways: hot, by the `ACTIVE` write alone (the job loads the"
                                + " version then); hot, after the version scored in the shadow of the active one, as the"
                                + " chart's rollout does by default (the job has it loaded already); and the spark-operator"
                                + " way (SIGTERM, wait, write `ACTIVE`, start again from the checkpoint). Each switch is one"
                                + " run: seconds from the promotion until both kinds' first batch scored by the new version"
                                + " is stored; lost and doubled events counted from the parquet against every acknowledged"
                                + " send. Goal: each hot swap within one trigger plus one poll (15 s), nothing lost or"
                                + " doubled.",
                        Map.of("bench.rounds", "3", "bench.settle", "30"),
                        Map.of("bench.rounds", "1", "bench.settle", "15"),
                        "one round (one switch of each way) with 15 s between switches instead of three rounds and 30 s"),
                new Benchmark("weblog", "apps/streaming", "WeblogBenchmark",
                        "web-log detectors vs a bare consume + regex loop",
                        "Seed-format access-log lines (12 hours, 9 incidents) in a broker of their own process, S3 also"
                                + " its own process: a bare `KafkaConsumer` matching one precompiled regular expression (the"
                                + " reference) against `stophack stream --weblog-only --once` on `local[2]` (parse, persist,"
                                + " rate limiter, surge detector), each after a warm-up pass, then three measured runs, the"
                                + " two in turn. Goal: at least 0.5x the regex loop.",
                        Map.of("weblog.bench.lines", "2000000", "weblog.bench.runs", "3"),
                        Map.of("weblog.bench.lines", "300000", "weblog.bench.runs", "1"),
                        "300,000 lines instead of 2,000,000, one measured run instead of three"));
    }

    /** The benchmarks named, in the catalog's order; every name must be known. */
    /**
     * What {@code --quick} leaves out unless {@code --only} names it: each of these needs minutes of
     * event time or several job starts even at its smallest size (about five to ten minutes each on
     * two cores), and the quick run's ten minutes would not hold them.
     */
    public static final Set<String> FULL_RUN_ONLY =
            Set.of("streaming-state", "streaming-catch-up", "streaming-latency", "streaming-growth", "training-growth");

    /** What a run measures: the benchmarks {@code only} names, else all, less {@link #FULL_RUN_ONLY} when quick. */
    public static List<Benchmark> forRun(List<String> only, boolean quick) {
        if (only != null && !only.isEmpty()) {
            return select(all(), only);
        }
        return quick ? all().stream().filter(b -> !FULL_RUN_ONLY.contains(b.name())).toList() : all();
    }

    public static List<Benchmark> select(List<Benchmark> all, List<String> only) {
        if (only == null || only.isEmpty()) {
            return all;
        }
        Map<String, Benchmark> byName = new LinkedHashMap<>();
        all.forEach(b -> byName.put(b.name(), b));
        List<String> unknown = new ArrayList<>();
        for (String name : only) {
            if (!byName.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown benchmark " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", byName.keySet()));
        }
        return all.stream().filter(b -> only.contains(b.name())).toList();
    }
}
