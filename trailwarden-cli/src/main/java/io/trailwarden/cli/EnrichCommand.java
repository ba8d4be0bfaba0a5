package io.trailwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwarden.enrich.Enrichment;
import io.trailwarden.enrich.SourceInfo;
import io.trailwarden.util.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trailwarden enrich IP|NAME... [--geo-dir DIR] [--json]}: what Trailwarden knows about a source. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Print what Trailwarden knows about source addresses or names (as in sourceIPAddress):",
            "network class, country, city, AS number and organisation, from local databases only."})
public final class EnrichCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "IP|NAME",
            description = "IPv4/IPv6 addresses or sources such as 'AWS Internal' or ec2.amazonaws.com")
    List<String> values;

    @Option(names = "--geo-dir", paramLabel = "DIR",
            description = "folder with your MaxMind GeoLite2/GeoIP2 City and ASN .mmdb files")
    Path geoDir;

    @Option(names = "--json", description = "one JSON object per value")
    boolean json;

    @Option(names = "--bundled-geo", description = "use only the small geo subset bundled with Trailwarden")
    boolean bundledOnly;

    @Spec
    CommandSpec spec;

    public EnrichCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Enrichment e;
        try {
            e = bundledOnly ? Enrichment.bundled() : Enrichment.open(geoDir);
        } catch (RuntimeException ex) {
            err.println("trailwarden enrich: " + Text.escapeControl(ex.getMessage()));
            err.flush();
            return 2;
        }
        try (e) {
            e.warning().ifPresent(w -> err.println("warning: " + w));
            err.flush();
            for (String v : values) {
                SourceInfo i = e.sources().enrich(v);
                String provider = i.publicIp() ? e.classifier().provider(i.asn(), i.asOrg()).orElse(null) : null;
                if (json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("value", i.value());
                    o.put("network_class", i.networkClass().label());
                    o.put("public_ip", i.publicIp());
                    o.put("country", i.country());
                    o.put("city", i.city());
                    if (i.asn() > 0) {
                        o.put("asn", i.asn());
                    } else {
                        o.putNull("asn");
                    }
                    o.put("as_org", i.asOrg());
                    o.put("provider", provider);
                    out.println(o);
                } else {
                    out.println(Text.escapeControl(v));
                    out.println("  network class  " + i.networkClass().label()
                            + (provider != null ? " (" + provider + ")" : ""));
                    out.println("  public IP      " + (i.publicIp() ? "yes" : "no"));
                    if (i.publicIp()) {
                        out.println("  country        " + orDash(i.country()));
                        out.println("  city           " + orDash(i.city()));
                        out.println("  AS             " + (i.asn() > 0 ? "AS" + i.asn() + " " : "")
                                + orDash(Text.escapeControl(i.asOrg())));
                    }
                }
            }
            if (!json) {
                out.println("(" + e.description() + ")");
            }
            out.flush();
        }
        return 0;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
