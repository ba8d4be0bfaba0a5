package io.trailwarden.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixture: turns a saved snapshot into what the previous Trailwarden wrote (format 1, no carried findings). */
final class FormatOne {
    private FormatOne() {
    }

    static void downgrade(Path snapshot) throws IOException {
        Files.delete(snapshot.resolve(StateStore.CARRIED_FINDINGS));
        Files.delete(snapshot.resolve(StateStore.CARRIED_CREDENTIALS));
        Path meta = snapshot.resolve("meta.json");
        Files.writeString(meta, Files.readString(meta).replace("\"format_version\" : " + StateStore.FORMAT_VERSION,
                "\"format_version\" : 1"));
        assertThat(Files.readString(meta)).contains("\"format_version\" : 1");
    }
}
