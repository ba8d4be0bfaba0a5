package io.trailwarden.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the user agents of CloudTrail: AWS CLI v1 and v2 (v2's {@code md/command#s3.ls} suffix included), the
 * SDKs (Boto3/botocore, Go v1/v2, Java v1/v2, JavaScript v2/v3, .NET, Ruby, PHP, in their old and
 * {@code ua/2.0} forms), Terraform, the console and browsers, AWS services and {@code AWS Internal}.
 * It extracts tool, version, language, OS, a penetration-testing distribution (Kali, Parrot, Pentoo: in the
 * platform part, {@code Linux/5.15.0-kali3-amd64}, {@code md/distrib#kali}, {@code +kali}) and a known offensive
 * tool ({@code offensive-tools.tsv}), and the <em>family</em>: tool + OS + distribution, with no version and no
 * command, which is what {@code new-user-agent} compares ({@code aws-cli/linux/kali}, {@code Boto3/linux},
 * {@code console}).
 *
 * <p>Hand tokenising, no regular expressions: one lower-casing and one pass over the tokens. Pure, stateless and
 * thread-safe; the engine caches results by string. Never throws, whatever the input.
 */
public final class UserAgentParser {

    /** A known offensive tool: what to look for and how bad it is. */
    public record OffensiveTool(String needle, String name, String category, String source) {
        /** Key-validation and exploitation tools (TruffleHog, Pacu) are high severity; others medium. */
        public boolean isHighSeverity() {
            return category.equals("key-validation") || category.equals("exploitation");
        }
    }

    private static final int MAX_TOOL = 64;
    private static final String[] DISTRIBUTIONS = {"kali", "parrot", "pentoo"};
    private static final List<OffensiveTool> OFFENSIVE = loadOffensive();

    /** The offensive tools recognised, with their sources. */
    public static List<OffensiveTool> offensiveTools() {
        return OFFENSIVE;
    }

    /** The offensive tool of that name ({@link UserAgentInfo#offensiveTool()}), if listed. */
    public static Optional<OffensiveTool> offensiveTool(String name) {
        return OFFENSIVE.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public UserAgentInfo parse(String ua) {
        if (ua == null || ua.isBlank()) {
            return new UserAgentInfo(ua, "unknown", null, null, null, null, null, null, "unknown");
        }
        String s = ua.strip();
        // console captures wrap agents in brackets: "[S3Console/0.4, aws-internal/3 aws-sdk-java/...]"
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1).strip();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String distribution = distribution(lower);
        String offensive = offensive(lower);

        Builder b = new Builder(ua, distribution, offensive);
        if (NetworkClassifier.isServiceName(s)) {
            if (lower.startsWith("aws internal")) {
                b.tool = "AWS Internal";
            } else if (lower.equals("console.amazonaws.com") || lower.equals("signin.amazonaws.com")
                    || lower.startsWith("console.") || lower.endsWith(".console.aws.amazon.com")) {
                b.tool = "console";
            } else {
                b.tool = lower; // an AWS service acting for the principal: cloudformation.amazonaws.com
            }
            return b.build(false);
        }
        if (lower.startsWith("mozilla/") || lower.startsWith("opera/")) {
            browser(s, lower, b);
            return b.build(true);
        }
        tokens(s, lower, b);
        return b.build(true);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Builder {
        final String raw;
        final String distribution;
        final String offensive;
        String tool;
        String toolVersion;
        String language;
        String languageVersion;
        String os;

        Builder(String raw, String distribution, String offensive) {
            this.raw = raw;
            this.distribution = distribution;
            this.offensive = offensive;
        }

        /** Sets the language, or adds the version to the same language named earlier without one. */
        void language(String name, String version) {
            if (name == null || name.isEmpty()) {
                return;
            }
            String v = version == null || version.isEmpty() ? null : version;
            if (language == null) {
                language = name;
                languageVersion = v;
            } else if (language.equals(name) && languageVersion == null) {
                languageVersion = v;
            }
        }

        void os(String name) {
            if (os == null && name != null) {
                os = name;
            }
        }

        UserAgentInfo build(boolean withPlatform) {
            if (tool == null || tool.isEmpty()) {
                tool = "unknown";
            }
            if (offensive != null && tool.toLowerCase(Locale.ROOT).startsWith(offensive)) {
                tool = offensive; // "TruffleHog", "stratus-red-team_<uuid>": the tool, without a run id
            }
            if (tool.length() > MAX_TOOL) {
                tool = tool.substring(0, MAX_TOOL);
            }
            StringBuilder family = new StringBuilder(tool);
            if (withPlatform && os != null && !tool.equals("console")) {
                family.append('/').append(os.toLowerCase(Locale.ROOT));
            }
            if (distribution != null) {
                family.append('/').append(distribution);
            }
            if (offensive != null && !tool.equalsIgnoreCase(offensive)) {
                family.append('/').append(offensive);
            }
            return new UserAgentInfo(raw, tool, toolVersion, language, languageVersion, os, distribution, offensive,
                    family.toString());
        }
    }

    /** A penetration-testing distribution named as a word of the agent (digits may touch it: kali3, 12parrot1). */
    static String distribution(String lower) {
        for (String d : DISTRIBUTIONS) {
            if (containsWord(lower, d)) {
                return d;
            }
        }
        return null;
    }

    private static String offensive(String lower) {
        for (OffensiveTool t : OFFENSIVE) {
            if (containsWord(lower, t.needle())) {
                return t.name();
            }
        }
        return null;
    }

    /** {@code needle} occurs in {@code s} with no letter right before or right after it. */
    static boolean containsWord(String s, String needle) {
        int from = 0;
        while (true) {
            int i = s.indexOf(needle, from);
            if (i < 0) {
                return false;
            }
            int end = i + needle.length();
            boolean before = i == 0 || !Character.isLetter(s.charAt(i - 1));
            boolean after = end >= s.length() || !Character.isLetter(s.charAt(end));
            if (before && after) {
                return true;
            }
            from = i + 1;
        }
    }

    // --- browsers ------------------------------------------------------------------------------------------------

    private static void browser(String s, String lower, Builder b) {
        String[][] engines = {
            {"edg/", "Edge"}, {"edge/", "Edge"}, {"opr/", "Opera"}, {"firefox/", "Firefox"}, {"chrome/", "Chrome"},
            {"crios/", "Chrome"}, {"version/", "Safari"}};
        for (String[] e : engines) {
            int i = lower.indexOf(e[0]);
            if (i >= 0) {
                b.tool = e[1];
                b.toolVersion = versionAt(s, i + e[0].length());
                break;
            }
        }
        if (b.tool == null) {
            b.tool = lower.startsWith("opera/") ? "Opera" : "browser";
        }
        if (lower.contains("windows") || lower.contains("win32") || lower.contains("win64")) {
            b.os = "Windows";
        } else if (lower.contains("iphone") || lower.contains("ipad")) {
            b.os = "iOS";
        } else if (lower.contains("mac os x") || lower.contains("macintosh")) {
            b.os = "macOS";
        } else if (lower.contains("android")) {
            b.os = "Android";
        } else if (lower.contains("cros")) {
            b.os = "ChromeOS";
        } else if (lower.contains("linux") || lower.contains("x11")) {
            b.os = "Linux";
        }
    }

    private static String versionAt(String s, int from) {
        int end = from;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ';'
                && s.charAt(end) != ')') {
            end++;
        }
        return end > from ? s.substring(from, end) : null;
    }

    // --- CLI, SDKs and everything else ---------------------------------------------------------------------------

    private static void tokens(String s, String lower, Builder b) {
        int n = s.length();
        int i = 0;
        boolean first = true;
        // "[S3Console/0.4, aws-internal/3 ...]", "EC2ConsoleFrontend, aws-internal/3 ...",
        // "AWS Console S3, aws-internal/3 ...": the console calling for the signed-in user
        int internal = lower.indexOf("aws-internal/");
        if (internal > 0 && lower.lastIndexOf("console", internal) >= 0) {
            b.tool = "console";
            first = false;
        }
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == ',' || c == '\t') {
                i++;
                continue;
            }
            if (c == '(') {
                int close = s.indexOf(')', i);
                int end = close < 0 ? n : close;
                comment(s.substring(i + 1, end), b);
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '(' && s.charAt(i) != ',' && s.charAt(i) != '\t') {
                i++;
            }
            token(s, start, i, first, b);
            first = false;
        }
        if (b.tool == null) {
            b.tool = "unknown";
        }
    }

    /** A parenthesised comment: "(go1.19.3; darwin; arm64)", "(Java/1.8.0_121)", "(+https://www.terraform.io)". */
    private static void comment(String text, Builder b) {
        for (String part : text.split(";")) {
            String p = part.strip();
            String pl = p.toLowerCase(Locale.ROOT);
            if (pl.startsWith("go1") || pl.startsWith("go2")) {
                b.language("Go", p.substring(2));
            } else if (pl.startsWith("java/")) {
                b.language("Java", p.substring(5));
            } else if (!pl.startsWith("+")) {
                String os = osName(pl);
                if (os != null) {
                    b.os(os);
                }
            }
        }
    }

    private static void token(String s, int start, int end, boolean first, Builder b) {
        int slash = s.indexOf('/', start);
        if (slash < 0 || slash >= end) {
            String word = s.substring(start, end);
            String wl = word.toLowerCase(Locale.ROOT);
            if (first) {
                b.tool = word;
            } else if (wl.endsWith("-linux") || wl.equals("linux")) {
                b.os("Linux"); // ruby "x86_64-linux", rusoto "linux"
            } else if (wl.endsWith("-darwin") || wl.startsWith("darwin")) {
                b.os("macOS");
            } else if (wl.contains("mingw") || wl.contains("mswin")) {
                b.os("Windows");
            }
            return;
        }
        String name = s.substring(start, slash);
        String rest = s.substring(slash + 1, end);
        String nl = name.toLowerCase(Locale.ROOT);
        switch (nl) {
            case "os" -> { // ua/2.0 "os/macos#22.6.0", go v2 "os/linux", php "OS/Linux/5.10"
                b.os(osName(before(rest, '#', '/').toLowerCase(Locale.ROOT)));
                return;
            }
            case "lang" -> { // "lang/python#3.11.11", go v2 "lang/go/1.17.6", "lang/js"
                String ln = before(rest, '#', '/');
                String lv = after(rest, '#', '/');
                b.language(languageName(ln), lv);
                return;
            }
            case "md" -> { // "md/command#s3.ls", "md/GOOS/darwin", "md/nodejs#18.15.0", "md/distrib#kali"
                String key = before(rest, '#', '/').toLowerCase(Locale.ROOT);
                String val = after(rest, '#', '/');
                if (key.equals("goos") && val != null) {
                    b.os(osName(val.toLowerCase(Locale.ROOT)));
                } else if (key.equals("nodejs") && "JavaScript".equals(b.language) && b.languageVersion == null) {
                    b.language = "Node.js";
                    b.languageVersion = val;
                }
                return;
            }
            case "apn", "hashicorp", "ua", "cfg", "api", "exec-env", "exe", "prompt", "command", "ft", "m", "app",
                    "vendor", "io", "http", "botocore", "terraform-provider-aws", "hashicorp-terraform-exec",
                    "openjdk_64-bit_server_vm", "kotlin", "aws-sdk-dotnet-core", "guzzlehttp", "resource" -> {
                if (first) {
                    b.tool = name; // an agent starting "APN/1.0 HashiCorp/1.0 Terraform/..." gets its tool below
                }
                return;
            }
            default -> {
            }
        }
        if (nl.equals("terraform")) {
            b.tool = "terraform";
            b.toolVersion = rest;
            return;
        }
        String os = osName(nl);
        if (os != null && !first) {
            b.os(os);
            if (nl.equals("linux") && rest.startsWith("v") && "aws-sdk-nodejs".equals(b.tool)) {
                b.language("Node.js", rest.substring(1)); // JS v2: "aws-sdk-nodejs/2.1354.0 linux/v18.15.0"
            }
            return;
        }
        String lang = languageName(nl);
        if (lang != null && !first) {
            b.language(lang, rest);
            return;
        }
        if (first || b.tool == null || isWrapperTool(b.tool)) {
            b.tool = name;
            b.toolVersion = rest.isEmpty() ? null : rest;
            if (nl.equals("aws-sdk-nodejs")) {
                b.language("Node.js", null);
            } else if (nl.startsWith("aws-sdk-js")) {
                b.language("JavaScript", null);
            } else if (nl.startsWith("aws-sdk-go")) {
                b.language("Go", null);
            } else if (nl.startsWith("aws-sdk-java")) {
                b.language("Java", null);
            } else if (nl.startsWith("aws-sdk-ruby")) {
                b.language("Ruby", null);
            } else if (nl.startsWith("aws-sdk-php")) {
                b.language("PHP", null);
            } else if (nl.startsWith("aws-sdk-dotnet")) {
                b.language(".NET", null);
            } else if (nl.equals("boto3") || nl.equals("aws-cli") || nl.equals("aws-sdk-python")) {
                b.language("Python", null);
            }
        }
    }

    /** First tokens that only wrap the real tool: "APN/1.0 HashiCorp/1.0 Terraform/1.1.2 ...". */
    private static boolean isWrapperTool(String tool) {
        String t = tool.toLowerCase(Locale.ROOT);
        return t.equals("apn") || t.equals("hashicorp");
    }

    private static String before(String s, char a, char b) {
        int i = indexOfEither(s, a, b);
        return i < 0 ? s : s.substring(0, i);
    }

    private static String after(String s, char a, char b) {
        int i = indexOfEither(s, a, b);
        return i < 0 ? null : s.substring(i + 1);
    }

    private static int indexOfEither(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    /** Normalised OS name for a lower-case word, or null when it names no OS. */
    static String osName(String w) {
        if (w == null || w.isEmpty()) {
            return null;
        }
        if (w.equals("linux") || w.startsWith("linux_") || w.equals("ubuntu") || w.equals("amzn")) {
            return "Linux";
        }
        if (w.equals("darwin") || w.equals("macos") || w.equals("mac_os_x") || w.equals("osx")) {
            return "macOS";
        }
        if (w.startsWith("windows") || w.startsWith("win32") || w.startsWith("win64") || w.equals("win")
                || w.startsWith("microsoft_windows")) {
            return "Windows";
        }
        if (w.equals("freebsd") || w.equals("openbsd") || w.equals("netbsd")) {
            return w.equals("freebsd") ? "FreeBSD" : w.equals("openbsd") ? "OpenBSD" : "NetBSD";
        }
        if (w.equals("android")) {
            return "Android";
        }
        if (w.equals("ios")) {
            return "iOS";
        }
        if (w.equals("other") || w.equals("unknown")) {
            return null;
        }
        return null;
    }

    /** Normalised language name for a lower-case product word, or null. */
    static String languageName(String w) {
        if (w == null) {
            return null;
        }
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "python" -> "Python";
            case "go" -> "Go";
            case "java" -> "Java";
            case "ruby" -> "Ruby";
            case "php" -> "PHP";
            case "js", "javascript" -> "JavaScript";
            case "nodejs", "node" -> "Node.js";
            case ".net_core", ".net", "dotnet", ".net_framework" -> ".NET";
            case "rust" -> "Rust";
            case "kotlin" -> "Kotlin";
            case "swift" -> "Swift";
            case "cpp", "c++" -> "C++";
            default -> null;
        };
    }

    private static List<OffensiveTool> loadOffensive() {
        List<OffensiveTool> out = new ArrayList<>();
        try (InputStream in = UserAgentParser.class.getResourceAsStream("offensive-tools.tsv")) {
            if (in == null) {
                throw new IllegalStateException("offensive-tools.tsv missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length >= 4) {
                    out.add(new OffensiveTool(f[0], f[1], f[2], f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
