package io.trailwarden.sim;

import java.util.List;

/** One AWS account of the organisation and the resources its principals touch. */
final class Account {
    final String id;
    final String name;
    final String primaryRegion;
    final List<String> regions;
    final List<String> buckets;
    final List<String> secrets;
    final List<String> parameters;
    final List<String> functions;
    final List<String> tables;
    final List<String> stacks;
    final List<String> logGroups;

    Account(String id, String name, String primaryRegion, List<String> regions) {
        this.id = id;
        this.name = name;
        this.primaryRegion = primaryRegion;
        this.regions = regions;
        String p = "acme-" + name;
        this.buckets = List.of(p + "-assets", p + "-data-lake", p + "-backups", p + "-logs-" + id, p + "-artifacts");
        this.secrets = List.of(name + "/db/primary", name + "/stripe/api-key", name + "/crm/oauth-client",
                name + "/search/admin", name + "/smtp/relay");
        this.parameters = List.of("/" + name + "/app/config", "/" + name + "/app/feature-flags",
                "/" + name + "/crm/endpoint", "/" + name + "/search/endpoint", "/" + name + "/ses/config-set");
        this.functions = List.of(name + "-thumbnailer", name + "-billing-export", name + "-webhook-handler");
        this.tables = List.of(name + "-orders", name + "-sessions", name + "-customers");
        this.stacks = List.of(name + "-network", name + "-api", name + "-workers", name + "-data");
        this.logGroups = List.of("/aws/lambda/" + name + "-thumbnailer", "/ecs/" + name + "-api",
                "/aws/lambda/" + name + "-billing-export", "/ecs/" + name + "-workers");
    }

    String object(Rng r) {
        String b = buckets.get(r.nextInt(3));
        String[] dirs = {"uploads", "exports", "reports", "incoming", "processed", "images"};
        return b + "/" + dirs[r.nextInt(dirs.length)] + "/" + IsoHint.day(r) + "/" + Ids.hex(r.nextLong(), 12) + ".json";
    }

    String secretArn(String secret) {
        return "arn:aws:secretsmanager:" + primaryRegion + ":" + id + ":secret:" + secret + "-" + Ids.alnum(Rng.hash(secret), 6);
    }

    /** Tiny helper for object keys. */
    static final class IsoHint {
        private IsoHint() {
        }

        static String day(Rng r) {
            return "2026/" + String.format("%02d/%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
        }
    }
}
