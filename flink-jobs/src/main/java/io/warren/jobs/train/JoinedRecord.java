package io.warren.jobs.train;

/**
 * One record of a loop's {@code warren.<loop>.joined}: the loop (from the topic name), where the record
 * is (partition and offset, so that a retrain from the log and the stream never learn one event twice),
 * and its value, the learnable DSJSON line as UTF-8 bytes (the learner parses bytes; no String on the way).
 * Or, with {@link #announcement} set, a record of the loop's {@code warren.<loop>.models}: the trainer
 * continues from the models an admin imported or rolled back to, in order with the loop's events.
 *
 * <p>A Flink POJO.
 */
public class JoinedRecord {
    public String loop;
    public int partition;
    public long offset;
    public byte[] line;
    /** Whether {@link #line} is a model announcement rather than a joined event. */
    public boolean announcement;

    public JoinedRecord() {}

    public JoinedRecord(String loop, int partition, long offset, byte[] line) {
        this.loop = loop;
        this.partition = partition;
        this.offset = offset;
        this.line = line;
    }
}
