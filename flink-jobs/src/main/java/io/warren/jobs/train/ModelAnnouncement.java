package io.warren.jobs.train;

/**
 * A model version of a loop, announced on {@code warren.<loop>.models} with key {@link #version} and
 * value {@link #json} (a core {@code Announcement}'s JSON).
 *
 * <p>A Flink POJO.
 */
public class ModelAnnouncement {
    public String loop;
    public String version;
    public String json;

    public ModelAnnouncement() {}

    public ModelAnnouncement(String loop, String version, String json) {
        this.loop = loop;
        this.version = version;
        this.json = json;
    }
}
