package io.trailwarden.bench;

import io.trailwarden.detect.sentinel.FailedApiSpike;
import io.trailwarden.config.Params;
import java.util.List;

/**
 * The DuckDB reference: the per-(ARN, access key, hour) counts failed-api-spike needs (distinct denied names,
 * denied calls, successful calls, distinct successful names, all calls), over the same .json.gz files, by DuckDB's
 * fastest path on CloudTrail files ({@code read_json_objects} + {@code unnest(json_extract(json,'$.Records[*]'))}
 * + {@code ->>}), materialised into a table.
 */
final class DuckDbQuery {
    private DuckDbQuery() {
    }

    /** The query over {@code glob}; the filter and the denied codes are failed-api-spike's defaults. */
    static String bins(String glob) {
        Params p = Params.defaults(FailedApiSpike.INFO);
        List<String> verbs = p.strings("api_verbs");
        List<String> nouns = p.strings("api_nouns");
        List<String> denied = p.strings("denied_codes");
        String deniedSql = String.join(", ", denied.stream().map(c -> "'" + c + "'").toList());
        return "CREATE TEMP TABLE bins AS\n"
                + "WITH r AS (\n"
                + "  SELECT unnest(json_extract(json, '$.Records[*]')) AS rec\n"
                + "  FROM read_json_objects('" + glob.replace("'", "''") + "', format = 'auto', compression = 'gzip',"
                + " maximum_object_size = 268435456)\n"
                + "), e AS (\n"
                + "  SELECT rec->>'$.userIdentity.arn' AS arn, rec->>'$.userIdentity.accessKeyId' AS access_key,\n"
                + "         left(rec->>'$.eventTime', 13) AS hour, rec->>'$.eventName' AS event_name,\n"
                + "         rec->>'$.errorCode' AS error_code\n"
                + "  FROM r\n"
                + ")\n"
                + "SELECT arn, access_key, hour,\n"
                + "       count(*) AS total,\n"
                + "       count(*) FILTER (WHERE error_code IN (" + deniedSql + ")) AS denied,\n"
                + "       count(DISTINCT event_name) FILTER (WHERE error_code IN (" + deniedSql + ")) AS distinct_denied,\n"
                + "       count(*) FILTER (WHERE error_code IS NULL OR error_code = '') AS succeeded,\n"
                + "       count(DISTINCT event_name) FILTER (WHERE error_code IS NULL OR error_code = '') AS distinct_succeeded\n"
                + "FROM e\n"
                + "WHERE arn <> '' AND access_key <> '' AND NOT starts_with(access_key, 'ASIA')\n"
                + "  AND regexp_matches(event_name, '(?i)^(" + String.join("|", verbs) + ")')\n"
                + "  AND regexp_matches(event_name, '(?i)(" + String.join("|", nouns) + ")')\n"
                + "GROUP BY arn, access_key, hour";
    }

    /** A second, smaller query: every record counted, to check DuckDB read the same archive. */
    static String countRecords(String glob) {
        return "SELECT count(*) FROM (SELECT unnest(json_extract(json, '$.Records[*]')) AS rec FROM read_json_objects('"
                + glob.replace("'", "''") + "', format = 'auto', compression = 'gzip', maximum_object_size = 268435456))";
    }
}
