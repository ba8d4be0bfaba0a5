package io.trailwarden.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestObjectTest {

    @Test
    void s3ObjectIsBucketSlashKey() {
        assertThat(RequestObject.of("{\"bucketName\":\"payroll-exports\",\"Host\":\"payroll-exports.s3.amazonaws.com\","
                + "\"key\":\"2024/03/salaries.csv\"}")).isEqualTo("payroll-exports/2024/03/salaries.csv");
        assertThat(RequestObject.of("{\"bucketName\":\"payroll-exports\",\"policy\":\"\"}")).isEqualTo("payroll-exports");
    }

    @Test
    void namedResourcesOfCommonServices() {
        assertThat(RequestObject.of("{\"secretId\":\"prod/db/password\"}")).isEqualTo("prod/db/password");
        assertThat(RequestObject.of("{\"roleName\":\"OrganizationAccountAccessRole\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}"))
                .isEqualTo("OrganizationAccountAccessRole");
        assertThat(RequestObject.of("{\"functionName\":\"billing-export\",\"qualifier\":\"$LATEST\"}")).isEqualTo("billing-export");
        assertThat(RequestObject.of("{\"name\":\"/prod/api-token\",\"withDecryption\":true}")).isEqualTo("/prod/api-token");
    }

    @Test
    void ec2InstanceIdsNestedInItemsAreFound() {
        assertThat(RequestObject.of("{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0abc\"},{\"instanceId\":\"i-0def\"}]},"
                + "\"force\":false}")).isEqualTo("i-0abc");
    }

    @Test
    void aListOfNamesStandsForItsFirstName() {
        assertThat(RequestObject.of("{\"names\":[\"/prod/a\",\"/prod/b\"],\"withDecryption\":true}")).isEqualTo("/prod/a");
    }

    @Test
    void noObjectOrUnreadableParametersGiveNull() {
        assertThat(RequestObject.of(null)).isNull();
        assertThat(RequestObject.of("{}")).isNull();
        assertThat(RequestObject.of("{\"maxResults\":50}")).isNull();
        assertThat(RequestObject.of("not json")).isNull();
        assertThat(RequestObject.of("{\"bucketName\":\"half")).isNull();
    }

    @Test
    void veryLongValuesAreCut() {
        String longName = "x".repeat(1000);
        assertThat(RequestObject.of("{\"name\":\"" + longName + "\"}")).hasSize(RequestObject.MAX_LENGTH + 1);
    }
}
