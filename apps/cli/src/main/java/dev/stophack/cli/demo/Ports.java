package dev.stophack.cli.demo;

/**
 * The 127.0.0.1 ports of the demo's parts. The defaults are the parts' own defaults, one each
 * so that all run at once; a test (or a second demo) passes others.
 *
 * @param kafka          Kafka broker
 * @param s3             S3 endpoint
 * @param dashboard      the consumer's dashboard and its /metrics
 * @param produceProcess the process producer's /metrics
 * @param produceMemory  the memory producer's /metrics
 * @param stream         the streaming job's /metrics
 * @param sparkUi        the streaming job's Spark UI, 0 for none
 */
public record Ports(int kafka, int s3, int dashboard, int produceProcess, int produceMemory, int stream, int sparkUi) {
    public static final int KAFKA = 9092;
    public static final int S3 = 9000;
    public static final int DASHBOARD = 8080;
    public static final int PRODUCE_PROCESS = 9461;
    public static final int PRODUCE_MEMORY = 9462;
    public static final int STREAM = 9465;
    public static final int SPARK_UI = 4040;

    public static Ports defaults() {
        return new Ports(KAFKA, S3, DASHBOARD, PRODUCE_PROCESS, PRODUCE_MEMORY, STREAM, SPARK_UI);
    }

    public String bootstrap() {
        return "127.0.0.1:" + kafka;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3;
    }
}
