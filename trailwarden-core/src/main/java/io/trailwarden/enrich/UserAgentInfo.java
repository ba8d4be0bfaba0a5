package io.trailwarden.enrich;

/**
 * A parsed user agent.
 *
 * @param raw             the user agent as written in the event
 * @param tool            e.g. {@code aws-cli}, {@code Boto3}, {@code aws-sdk-go-v2}, {@code console}, {@code terraform}
 * @param toolVersion     the tool's version, or null
 * @param language        e.g. {@code Python}, or null
 * @param languageVersion the language's version, or null
 * @param os              e.g. {@code Linux}, {@code Darwin}, {@code Windows}, or null
 * @param distribution    a penetration-testing distribution ({@code kali}, {@code parrot}, {@code pentoo}), or null
 * @param offensiveTool   a known offensive tool ({@code trufflehog}, {@code pacu}, ...), or null
 * @param family          tool + OS/distribution without versions; what {@code new-user-agent} compares
 */
public record UserAgentInfo(String raw, String tool, String toolVersion, String language, String languageVersion,
                            String os, String distribution, String offensiveTool, String family) {

    public boolean isPenTestDistribution() {
        return distribution != null;
    }

    public boolean isOffensiveTool() {
        return offensiveTool != null;
    }
}
