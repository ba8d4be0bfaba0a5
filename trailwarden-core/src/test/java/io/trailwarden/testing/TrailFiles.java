package io.trailwarden.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.util.Times;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small CloudTrail files for tests: records as JSON text, in the three formats the reader
 * accepts ({"Records":[...]}, a bare array, NDJSON), plain or gzipped, in the S3 layout or not.
 */
public final class TrailFiles {
    public static final String KALI_UA = "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84";
    public static final String UBUNTU_UA =
            "aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/sts.get-caller-identity";
    public static final String ACCOUNT = "111122223333";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private TrailFiles() {
    }

    /** One record; defaults: an IAM user with a long-term key, from a public IP, with an ordinary CLI agent. */
    public static Rec rec(String eventId, String time, String eventName) {
        return new Rec(eventId, time, eventName);
    }

    /** A record as a JSON object under construction. */
    public static final class Rec {
        final ObjectNode n = JSON.createObjectNode();

        Rec(String eventId, String time, String eventName) {
            n.put("eventVersion", "1.08");
            user("alice", "AKIAALICE0000000001");
            n.put("eventTime", time);
            n.put("eventSource", "sts.amazonaws.com");
            n.put("eventName", eventName);
            n.put("awsRegion", "us-east-1");
            n.put("sourceIPAddress", "198.51.100.7");
            n.put("userAgent", UBUNTU_UA);
            n.putNull("requestParameters");
            n.putNull("responseElements");
            n.put("requestID", "req-" + eventId);
            n.put("eventID", eventId);
            n.put("readOnly", true);
            n.put("eventType", "AwsApiCall");
            n.put("managementEvent", true);
            n.put("recipientAccountId", ACCOUNT);
            n.put("eventCategory", "Management");
        }

        public Rec user(String name, String accessKey) {
            ObjectNode u = n.putObject("userIdentity");
            u.put("type", "IAMUser");
            u.put("principalId", "AIDA" + name.toUpperCase());
            u.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name);
            u.put("accountId", ACCOUNT);
            u.put("accessKeyId", accessKey);
            u.put("userName", name);
            return this;
        }

        public Rec kali() {
            return agent(KALI_UA);
        }

        public Rec agent(String ua) {
            n.put("userAgent", ua);
            return this;
        }

        public Rec ip(String ip) {
            n.put("sourceIPAddress", ip);
            return this;
        }

        public Rec region(String region) {
            n.put("awsRegion", region);
            return this;
        }

        public Rec account(String account) {
            n.put("recipientAccountId", account);
            ((ObjectNode) n.get("userIdentity")).put("accountId", account);
            return this;
        }

        /** Sets or replaces any top-level field with a JSON value given as text. */
        public Rec raw(String field, String jsonValue) {
            try {
                n.set(field, JSON.readTree(jsonValue));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Rec remove(String field) {
            n.remove(field);
            return this;
        }

        public String json() {
            try {
                return JSON.writeValueAsString(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {"Records":[...]}, as CloudTrail writes it. */
    public static String records(Rec... recs) {
        return records(List.of(recs));
    }

    public static String records(List<Rec> recs) {
        return "{\"Records\":" + array(recs) + "}";
    }

    public static String array(Rec... recs) {
        return array(List.of(recs));
    }

    public static String array(List<Rec> recs) {
        List<String> parts = new ArrayList<>();
        for (Rec r : recs) {
            parts.add(r.json());
        }
        return "[" + String.join(",\n", parts) + "]";
    }

    /** One record per line. */
    public static String ndjson(Rec... recs) {
        StringBuilder b = new StringBuilder();
        for (Rec r : recs) {
            b.append(r.json()).append('\n');
        }
        return b.toString();
    }

    public static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeGzip(Path file, String text) {
        return write(file, gzip(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] gzip(byte[] bytes) {
        try {
            java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
            try (OutputStream o = new GZIPOutputStream(bo)) {
                o.write(bytes);
            }
            return bo.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CloudTrail object in the S3 layout under {@code root}:
     * {@code AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_YYYYMMDDTHHMMZ_<id>.json.gz}.
     */
    public static Path s3(Path root, String account, String region, String deliveryTime, String id) {
        Instant t = Instant.ofEpochMilli(Times.parseUserTime(deliveryTime));
        String day = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(t);
        return root.resolve("AWSLogs").resolve(account).resolve("CloudTrail").resolve(region).resolve(day)
                .resolve(account + "_CloudTrail_" + region + "_" + NAME_TIME.format(t) + "_" + id + ".json.gz");
    }
}
