package io.trailwarden.enrich;

/** What kind of network a source address belongs to; one classifier decides it for every detection. */
public enum NetworkClass {
    /** sourceIPAddress is an AWS service name ({@code ec2.amazonaws.com}) or {@code AWS Internal}. */
    AWS_SERVICE("aws-service"),
    /** RFC 1918, loopback, link-local, unique-local IPv6: typically a VPC endpoint. */
    PRIVATE("private"),
    AWS("aws"),
    /** Google and Microsoft (and MongoDB, for seed 003's trusted list). */
    MAJOR_CLOUD("major-cloud"),
    /** Data-centre, VPS and commercial-VPN providers. */
    HOSTING("hosting"),
    ISP("isp"),
    /** Not an address at all ({@code 035.249.253.232}), or an address no database knows. */
    UNKNOWN("unknown");

    private final String label;

    NetworkClass(String label) {
        this.label = label;
    }

    /** The name used in findings and configuration. */
    public String label() {
        return label;
    }

    public static NetworkClass fromLabel(String label) {
        for (NetworkClass c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown network class '" + label + "'");
    }
}
