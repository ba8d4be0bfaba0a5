package io.trailwarden.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilesReadTest {

    private static String path(int i) {
        return "/logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/11/111122223333_CloudTrail_us-east-1_"
                + i + ".json.gz";
    }

    private static byte[] bytes(FilesRead r) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            r.write(out);
        }
        return b.toByteArray();
    }

    private static FilesRead read(byte[] b) throws IOException {
        return FilesRead.read(new DataInputStream(new ByteArrayInputStream(b)));
    }

    @Test
    void aFileIsKnownOnceAddedAndOnlyThen() {
        FilesRead r = new FilesRead();
        assertThat(r.add(path(1))).isTrue();
        assertThat(r.add(path(1))).isFalse();
        assertThat(r.contains(path(1))).isTrue();
        assertThat(r.contains(path(2))).isFalse();
        assertThat(r.contains(path(1) + " ")).isFalse();
        assertThat(r.size()).isEqualTo(1);
    }

    @Test
    void hundredsOfThousandsOfFilesSurviveGrowingAndARoundTrip() throws IOException {
        FilesRead r = new FilesRead();
        for (int i = 0; i < 200_000; i++) {
            r.add(path(i));
        }
        FilesRead back = read(bytes(r));
        assertThat(back.size()).isEqualTo(200_000);
        for (int i = 0; i < 200_000; i += 7) {
            assertThat(back.contains(path(i))).isTrue();
        }
        for (int i = 200_000; i < 210_000; i++) {
            assertThat(back.contains(path(i))).isFalse();
        }
        assertThat(bytes(r)).hasSize(8 + 16 * 200_000);
    }

    @Test
    void theSameFilesAreTheSameBytesWhateverTheOrderTheyWereRead() throws IOException {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            paths.add(path(i));
        }
        FilesRead inOrder = new FilesRead();
        paths.forEach(inOrder::add);
        Collections.shuffle(paths, new Random(7));
        FilesRead shuffled = new FilesRead();
        paths.forEach(shuffled::add);
        // a set grown in another way (read back from bytes) writes the same bytes too
        assertThat(bytes(shuffled)).isEqualTo(bytes(inOrder)).isEqualTo(bytes(read(bytes(inOrder))));
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> read(new byte[] {1, 2, 3, 4, 0, 0, 0, 0})).isInstanceOf(IOException.class)
                .hasMessageContaining("not a files-read table");
    }

    @Test
    void addingAnotherSetGivesTheSetOfAddingItsFilesOneByOne() throws IOException {
        FilesRead earlier = new FilesRead();
        FilesRead now = new FilesRead();
        FilesRead oneByOne = new FilesRead();
        for (int i = 0; i < 3000; i++) {
            (i < 2000 ? earlier : now).add(path(i));
            if (i >= 1500) {
                now.add(path(i)); // overlapping: read again by this run
            }
            oneByOne.add(path(i));
        }
        earlier.addAll(now);
        assertThat(earlier.size()).isEqualTo(3000);
        assertThat(earlier.contains(path(2999))).isTrue();
        assertThat(earlier.contains(path(3000))).isFalse();
        assertThat(bytes(earlier)).isEqualTo(bytes(oneByOne));
    }
}
