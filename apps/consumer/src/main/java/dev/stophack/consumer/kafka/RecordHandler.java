package dev.stophack.consumer.kafka;

import dev.stophack.api.kafka.Topics;
import dev.stophack.consumer.live.Batch;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.parse.AttackCountReader;
import dev.stophack.consumer.parse.ClockLimit;
import dev.stophack.consumer.parse.EventFields;
import dev.stophack.consumer.parse.MachineIds;
import dev.stophack.consumer.parse.MachineKeys;
import dev.stophack.consumer.parse.SkipReason;
import dev.stophack.consumer.weblog.WebRecords;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Decodes one poll's records into a {@link Batch} and applies it to {@link LiveCounts}: the
 * machine comes from the key, the cycle from {@code ts}, the arrival time from the clock.
 *
 * <p>A memory record that was already in Kafka when its partition was assigned (a restart, or a
 * fresh start reading back the window) arrived before this consumer ran; its Kafka timestamp
 * stands in for the moment it arrived, so counts survive a restart instead of piling up at "now".
 * One instance per consumer thread.
 */
public final class RecordHandler {
    private final Clock clock;
    private final LiveCounts counts;
    private final ClockLimit clockLimit;
    private final MachineKeys keys = new MachineKeys();
    private final EventFields fields = new EventFields();
    private final AttackCountReader attackReader = new AttackCountReader();
    private final Batch batch = new Batch();
    private final SkipLog skipLog = new SkipLog();
    private final WebRecords web;

    public RecordHandler(LiveCounts counts, ClockLimit clockLimit) {
        this.counts = counts;
        this.clock = counts.clock();
        this.clockLimit = clockLimit;
        this.web = new WebRecords(counts.web(), clockLimit);
    }

    /**
     * Counts {@code records}. {@code backlogEnd} holds, per partition, the log-end offset when it
     * was assigned: records below it were already in Kafka then.
     */
    public void handle(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> backlogEnd) {
        if (records.isEmpty()) {
            return;
        }
        long now = clock.millis();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            String topic = tp.topic();
            if (Topics.PROCESS.equals(topic)) {
                process(tp, list, now);
            } else if (Topics.MEMORY.equals(topic)) {
                memory(tp, list, now, backlogEnd.getOrDefault(tp, -1L));
            } else if (Topics.ATTACK_COUNTS.equals(topic)) {
                attacks(tp, list, now);
            } else if (WebRecords.reads(topic)) {
                list.forEach(r -> web.handle(r, now));
            }
        }
        counts.apply(batch);
        batch.clear();
    }

    private void process(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> list, long now) {
        long counted = 0;
        for (ConsumerRecord<byte[], byte[]> r : list) {
            if (MachineIds.tooLong(r.key())) {
                skip(tp, r, SkipReason.MACHINE_TOO_LONG);
                continue;
            }
            String machine = keys.machine(r.key());
            if (!fields.read(r.value(), true, machine == null)) {
                skip(tp, r, fields.failure);
                continue;
            }
            if (machine == null) {
                machine = fields.machine;
                if (MachineIds.tooLong(machine)) {
                    skip(tp, r, SkipReason.MACHINE_TOO_LONG);
                    continue;
                }
            }
            SkipReason badTs = clockLimit.checkTs(fields.ts, now);
            if (badTs != null) {
                skip(tp, r, badTs);
                continue;
            }
            batch.process(machine, fields.ts);
            counted++;
        }
        batch.counted(tp.topic(), counted, now);
    }

    private void memory(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> list, long now, long backlogEnd) {
        long counted = 0;
        for (ConsumerRecord<byte[], byte[]> r : list) {
            if (MachineIds.tooLong(r.key())) {
                skip(tp, r, SkipReason.MACHINE_TOO_LONG);
                continue;
            }
            String machine = keys.machine(r.key());
            if (machine == null) {
                if (!fields.read(r.value(), false, true)) {
                    skip(tp, r, fields.failure);
                    continue;
                }
                machine = fields.machine;
                if (MachineIds.tooLong(machine)) {
                    skip(tp, r, SkipReason.MACHINE_TOO_LONG);
                    continue;
                }
            }
            long arrival = r.offset() < backlogEnd && r.timestamp() >= 0 ? Math.min(r.timestamp(), now) : now;
            batch.memory(machine, arrival);
            counted++;
        }
        batch.counted(tp.topic(), counted, now);
    }

    private void attacks(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> list, long now) {
        long counted = 0;
        for (ConsumerRecord<byte[], byte[]> r : list) {
            if (MachineIds.tooLong(r.key())) {
                skip(tp, r, SkipReason.MACHINE_TOO_LONG);
                continue;
            }
            AttackCountReader.Result result = attackReader.read(keys.machine(r.key()), r.value());
            if (result.failure() != null) {
                skip(tp, r, result.failure());
                continue;
            }
            SkipReason failure = MachineIds.tooLong(result.count().machine()) ? SkipReason.MACHINE_TOO_LONG
                    : clockLimit.checkWindowStart(result.count().windowStartMillis(), now);
            if (failure != null) {
                skip(tp, r, failure);
                continue;
            }
            batch.attack(result.count());
            counted++;
        }
        batch.counted(tp.topic(), counted, now);
    }

    private void skip(TopicPartition tp, ConsumerRecord<byte[], byte[]> r, SkipReason reason) {
        batch.skipped(tp.topic(), reason);
        skipLog.skipped(tp.topic(), tp.partition(), r.offset(), reason, r.value());
    }
}
