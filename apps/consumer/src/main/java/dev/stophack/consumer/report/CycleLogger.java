package dev.stophack.consumer.report;

import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.live.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link CycleReport} line every interval; while nothing new arrives (idle, or Kafka
 * not there yet) only once a minute, so a quiet consumer does not fill the log.
 */
public final class CycleLogger implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.stophack.consumer.cycle");
    private static final long IDLE_EVERY_MILLIS = 60_000;

    private final LiveCounts counts;
    private final ConsumerStatus status;
    private long lastTotal = -1;
    private long lastLogged = Long.MIN_VALUE / 2;

    public CycleLogger(LiveCounts counts, ConsumerStatus status) {
        this.counts = counts;
        this.status = status;
    }

    @Override
    public void run() {
        try {
            Snapshot s = counts.snapshot();
            long total = s.topics().values().stream().mapToLong(t -> t.counted() + t.skippedTotal()).sum();
            boolean news = total != lastTotal;
            if (news || s.at() - lastLogged >= IDLE_EVERY_MILLIS) {
                LOG.info(CycleReport.line(s, new CycleReport.KafkaView(status.bootstrap(), status.assignedPartitions(),
                        status.totalLag())));
                lastLogged = s.at();
                lastTotal = total;
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and carry on
            LOG.warn("cannot write the cycle line: {}", e.toString());
        }
    }
}
