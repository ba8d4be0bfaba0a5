package io.trailwarden.finding;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailwarden.enrich.NetworkClass;
import io.trailwarden.enrich.SourceEnricher;
import io.trailwarden.enrich.SourceInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A finding as one OCSF 1.1.0 <b>Detection Finding</b> (category 2 Findings, class 2004): one object per line in
 * {@code findings.ocsf.jsonl}, written beside each {@code findings.jsonl} line. A finding's first line is
 * activity 1 Create; the updated line written when its suppression window closes with merged repeats is
 * activity 2 Update with the same {@code finding_info.uid}, so a SIEM upserts by that uid.
 *
 * <p>Mapping (docs/ocsf.md has the table and the reasons):
 * <ul>
 * <li>{@code time}, {@code start_time}: the first event (ms epoch); {@code end_time}: the last; {@code count}: events
 *     merged; {@code message}: the title.</li>
 * <li>{@code severity_id}/{@code severity}: low 2, medium 3, high 4, critical 5; {@code risk_score}: our risk (0-100);
 *     {@code status_id} 1 New.</li>
 * <li>{@code finding_info}: uid = finding id, title, desc = explanation, types = [detection id], analytic (uid and
 *     name = detection id, type 1 Rule), first/last_seen_time, data_sources ["AWS CloudTrail"], attacks (one per
 *     MITRE technique, with its tactic where the technique has exactly one), related_events (CloudTrail event ids).</li>
 * <li>{@code actor.user}: uid = principal ARN, name = user name, type (IAMUser 1 User, Root 2 Admin, else 99 Other
 *     with the CloudTrail type), credential_uid = access key id, account.uid = account id.</li>
 * <li>{@code cloud}: provider AWS, account.uid.</li>
 * <li>{@code evidences}: one per source, sorted, with {@code src_endpoint} (ip, or hostname for an AWS service,
 *     location country/city and autonomous_system number/name from the {@link SourceEnricher}). OCSF 1.1.0's
 *     Detection Finding has no top-level {@code src_endpoint} or {@code http_request}: the evidence artifacts are
 *     where a source endpoint goes.</li>
 * <li>{@code metadata}: version 1.1.0, uid = finding id, product Trailwarden (version when the build recorded it),
 *     profiles cloud and host (they bring {@code cloud} and {@code actor}).</li>
 * <li>{@code unmapped}: what has no clean 1.1.0 home: detection, credential, subject, principal type, session
 *     name, every source value with its network class, user agents, event names, our evidence map, late.</li>
 * </ul>
 * Deterministic: fixed field order, sorted sets, the evidence map in the detector's order (as findings.jsonl).
 * Strings are written by the JSON generator of {@link FindingJson} (attacker-controlled ones escaped, control
 * characters included); nothing is concatenated into JSON.
 */
public final class OcsfFinding {
    public static final String SCHEMA_VERSION = "1.1.0";
    public static final int CATEGORY_UID = 2;
    public static final int CLASS_UID = 2004;
    public static final int ACTIVITY_CREATE = 1;
    public static final int ACTIVITY_UPDATE = 2;
    /** The build's version ({@code io/trailwarden/version.properties}, filtered by Maven), or null. */
    public static final String PRODUCT_VERSION = io.trailwarden.util.Version.CURRENT;

    private OcsfFinding() {
    }

    public static String toJson(Finding f, boolean update, SourceEnricher sources) {
        StringWriter w = new StringWriter(2048);
        try (JsonGenerator g = FindingJson.MAPPER.getFactory().createGenerator(w)) {
            write(f, update, g, sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** OCSF severity_id of our severity (0 Unknown, 1 Informational are never produced). */
    public static int severityId(Severity s) {
        return switch (s) {
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static String severityName(Severity s) {
        return switch (s) {
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
            case CRITICAL -> "Critical";
        };
    }

    public static void write(Finding f, boolean update, JsonGenerator g, SourceEnricher sources) throws IOException {
        int activity = update ? ACTIVITY_UPDATE : ACTIVITY_CREATE;
        String activityName = update ? "Update" : "Create";
        g.writeStartObject();
        g.writeNumberField("activity_id", activity);
        g.writeStringField("activity_name", activityName);
        g.writeNumberField("category_uid", CATEGORY_UID);
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("class_uid", CLASS_UID);
        g.writeStringField("class_name", "Detection Finding");
        g.writeNumberField("type_uid", CLASS_UID * 100L + activity);
        g.writeStringField("type_name", "Detection Finding: " + activityName);
        g.writeNumberField("time", f.time());
        g.writeNumberField("start_time", f.time());
        g.writeNumberField("end_time", f.lastTime());
        g.writeNumberField("count", f.count());
        g.writeNumberField("severity_id", severityId(f.severity()));
        g.writeStringField("severity", severityName(f.severity()));
        g.writeNumberField("risk_score", f.risk());
        g.writeNumberField("status_id", 1);
        g.writeStringField("status", "New");
        g.writeStringField("message", f.title());

        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", SCHEMA_VERSION);
        g.writeStringField("uid", f.id());
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "Trailwarden");
        g.writeStringField("vendor_name", "Trailwarden");
        if (PRODUCT_VERSION != null) {
            g.writeStringField("version", PRODUCT_VERSION);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("profiles");
        g.writeString("cloud");
        g.writeString("host");
        g.writeEndArray();
        g.writeEndObject();

        writeFindingInfo(f, g);
        writeActor(f, g);

        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", "AWS");
        if (f.accountId() != null) {
            g.writeObjectFieldStart("account");
            g.writeStringField("uid", f.accountId());
            g.writeEndObject();
        }
        g.writeEndObject();

        g.writeArrayFieldStart("evidences");
        for (String value : f.sourceIps()) {
            SourceInfo s = sources.enrich(value);
            if (writeable(s)) {
                g.writeStartObject();
                g.writeFieldName("src_endpoint");
                writeEndpoint(g, s);
                g.writeEndObject();
            }
        }
        g.writeEndArray();

        writeUnmapped(f, g, sources);
        g.writeEndObject();
    }

    private static void writeFindingInfo(Finding f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", f.id());
        g.writeStringField("title", f.title());
        if (f.explanation() != null) {
            g.writeStringField("desc", f.explanation());
        }
        g.writeArrayFieldStart("types");
        g.writeString(f.detection());
        g.writeEndArray();
        g.writeObjectFieldStart("analytic");
        g.writeStringField("uid", f.detection());
        g.writeStringField("name", f.detection());
        g.writeNumberField("type_id", 1);
        g.writeStringField("type", "Rule");
        g.writeEndObject();
        g.writeNumberField("first_seen_time", f.time());
        g.writeNumberField("last_seen_time", f.lastTime());
        g.writeArrayFieldStart("data_sources");
        g.writeString("AWS CloudTrail");
        g.writeEndArray();
        g.writeArrayFieldStart("attacks");
        for (String technique : f.mitre()) {
            writeAttack(g, technique);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("related_events");
        for (String id : f.eventIds()) {
            g.writeStartObject();
            g.writeStringField("uid", id);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * One attack per technique. The tactic is written only where ATT&amp;CK gives the technique exactly one: Valid
     * Accounts (T1078, T1078.004) belongs to four (Initial Access, Persistence, Privilege Escalation, Defense
     * Evasion), and picking one would be a guess the finding cannot back.
     */
    private static void writeAttack(JsonGenerator g, String technique) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("technique");
        g.writeStringField("uid", technique);
        String name = techniqueName(technique);
        if (name != null) {
            g.writeStringField("name", name);
        }
        g.writeEndObject();
        String[] tactic = tacticOf(technique);
        if (tactic != null) {
            g.writeObjectFieldStart("tactic");
            g.writeStringField("uid", tactic[0]);
            g.writeStringField("name", tactic[1]);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static String techniqueName(String technique) {
        return switch (technique) {
            case "T1078" -> "Valid Accounts";
            case "T1078.004" -> "Valid Accounts: Cloud Accounts";
            case "T1087.004" -> "Account Discovery: Cloud Account";
            case "T1580" -> "Cloud Infrastructure Discovery";
            case "T1059.009" -> "Command and Scripting Interpreter: Cloud API";
            default -> null;
        };
    }

    private static String[] tacticOf(String technique) {
        return switch (technique) {
            case "T1087.004", "T1580" -> new String[] {"TA0007", "Discovery"};
            case "T1059.009" -> new String[] {"TA0002", "Execution"};
            default -> null;
        };
    }

    private static void writeActor(Finding f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("actor");
        g.writeObjectFieldStart("user");
        writeIfPresent(g, "uid", f.principalArn());
        writeIfPresent(g, "name", f.userName());
        String type = f.principalType();
        if (type != null) {
            int typeId = switch (type) {
                case "IAMUser" -> 1;
                case "Root" -> 2;
                default -> 99;
            };
            g.writeNumberField("type_id", typeId);
            g.writeStringField("type", typeId == 1 ? "User" : typeId == 2 ? "Admin" : type);
        }
        writeIfPresent(g, "credential_uid", f.accessKeyId());
        if (f.accountId() != null) {
            g.writeObjectFieldStart("account");
            g.writeStringField("uid", f.accountId());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A source gets an evidence entry when it is an IP address or an AWS service name; anything else is unmapped. */
    private static boolean writeable(SourceInfo s) {
        return s.networkClass() == NetworkClass.AWS_SERVICE || isIpLiteral(s.value());
    }

    private static void writeEndpoint(JsonGenerator g, SourceInfo s) throws IOException {
        g.writeStartObject();
        if (s.networkClass() == NetworkClass.AWS_SERVICE && !isIpLiteral(s.value())) {
            g.writeStringField("hostname", s.value());
        } else {
            g.writeStringField("ip", s.value());
        }
        if (s.country() != null || s.city() != null) {
            g.writeObjectFieldStart("location");
            writeIfPresent(g, "country", s.country());
            writeIfPresent(g, "city", s.city());
            g.writeEndObject();
        }
        if (s.asn() > 0 || s.asOrg() != null) {
            g.writeObjectFieldStart("autonomous_system");
            if (s.asn() > 0) {
                g.writeNumberField("number", s.asn());
            }
            writeIfPresent(g, "name", s.asOrg());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeUnmapped(Finding f, JsonGenerator g, SourceEnricher sources) throws IOException {
        g.writeObjectFieldStart("unmapped");
        g.writeStringField("detection", f.detection());
        g.writeStringField("credential", f.credential());
        g.writeStringField("subject", f.subject());
        g.writeStringField("principal_type", f.principalType());
        g.writeStringField("session_name", f.sessionName());
        g.writeArrayFieldStart("sources");
        for (String value : f.sourceIps()) {
            SourceInfo s = sources.enrich(value);
            g.writeStartObject();
            g.writeStringField("value", value);
            g.writeStringField("network_class", s.networkClass().label());
            g.writeEndObject();
        }
        g.writeEndArray();
        FindingJson.writeStrings(g, "user_agents", f.userAgents());
        FindingJson.writeStrings(g, "event_names", f.eventNames());
        g.writeFieldName("evidence");
        FindingJson.MAPPER.writeValue(g, f.evidence());
        g.writeBooleanField("late", f.late());
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /**
     * A strict IP literal check that never resolves names: dotted-quad IPv4 without leading zeros (CloudTrail can
     * carry {@code 035.249.253.232}, which is no address), or IPv6 hex groups with colons (an embedded IPv4 tail
     * allowed).
     */
    static boolean isIpLiteral(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            int colons = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ':') {
                    colons++;
                } else if (Character.digit(c, 16) < 0 && c != '.') {
                    return false;
                }
            }
            if (colons < 2 || colons > 7) {
                return false;
            }
            int lastColon = s.lastIndexOf(':');
            String tail = s.substring(lastColon + 1);
            return tail.indexOf('.') < 0 ? s.substring(0, lastColon).indexOf('.') < 0 : isIpv4(tail)
                    && s.substring(0, lastColon).indexOf('.') < 0;
        }
        return isIpv4(s);
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
