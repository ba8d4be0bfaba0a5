package io.trailwarden.triage;

import io.trailwarden.event.CloudTrailEvent;
import io.trailwarden.finding.Finding;

/** What an analyst triages: an access key, a principal, or a source IP. */
public record Subject(Kind kind, String value) {
    public enum Kind { KEY, PRINCIPAL, IP }

    public boolean matches(CloudTrailEvent e) {
        switch (kind) {
            case KEY:
                return value.equals(e.accessKeyId());
            case IP:
                return value.equals(e.sourceIp());
            default:
                return value.equals(e.principal().arn()) || value.equals(e.principal().key())
                        || value.equals(e.identity().arn());
        }
    }

    public boolean matches(Finding f) {
        switch (kind) {
            case KEY:
                return value.equals(f.accessKeyId()) || value.equals(f.credential());
            case IP:
                return f.sourceIps().contains(value);
            default:
                return value.equals(f.principalArn()) || value.equals(f.credential());
        }
    }
}
