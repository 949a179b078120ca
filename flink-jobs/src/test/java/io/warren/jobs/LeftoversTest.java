package io.warren.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {
    @TempDir
    Path data;

    @Test
    void theScratchDirectoryIsEmptiedButKept() throws Exception {
        Path scratch = data.resolve("tmp");
        Files.createDirectories(scratch.resolve("minicluster_1/blobs"));
        Files.writeString(scratch.resolve("minicluster_1/blobs/b"), "x");
        Files.writeString(scratch.resolve("flink-rpc-akka1.jar"), "jar");
        Leftovers.clearScratch(scratch);
        assertThat(scratch).isEmptyDirectory();
        Leftovers.clearScratch(data.resolve("absent"));
        assertThat(data.resolve("absent")).doesNotExist();
    }

    @Test
    void onlyJobDirectoriesWithoutAnyFileArePruned() throws Exception {
        Path checkpoints = data.resolve("checkpoints/join");
        Path claimedAndLetGo = checkpoints.resolve("aaa");
        Files.createDirectories(claimedAndLetGo.resolve("shared"));
        Files.createDirectories(claimedAndLetGo.resolve("taskowned"));
        Files.createDirectories(claimedAndLetGo.resolve("chk-35"));
        Path withACheckpoint = checkpoints.resolve("bbb");
        Files.createDirectories(withACheckpoint.resolve("chk-50"));
        Files.writeString(withACheckpoint.resolve("chk-50/_metadata"), "m");
        Path withSharedStateOnly = checkpoints.resolve("ccc");
        Files.createDirectories(withSharedStateOnly.resolve("shared"));
        Files.writeString(withSharedStateOnly.resolve("shared/sst"), "s");

        Leftovers.pruneEmptyJobDirs(checkpoints);

        assertThat(claimedAndLetGo).doesNotExist();
        assertThat(withACheckpoint.resolve("chk-50/_metadata")).exists();
        assertThat(withSharedStateOnly.resolve("shared/sst")).exists();
        assertThat(JobConfig.latestCheckpoint(checkpoints)).isEqualTo(withACheckpoint.resolve("chk-50"));
    }
}
