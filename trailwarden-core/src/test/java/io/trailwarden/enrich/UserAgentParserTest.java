package io.trailwarden.enrich;

import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentParserTest {
    private final UserAgentParser p = new UserAgentParser();

    @Test
    void expelsKaliAgentIsAwsCliOnKaliWithItsVersions() {
        UserAgentInfo i = p.parse("aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84");
        assertThat(i.tool()).isEqualTo("aws-cli");
        assertThat(i.toolVersion()).isEqualTo("1.22.34");
        assertThat(i.language()).isEqualTo("Python");
        assertThat(i.languageVersion()).isEqualTo("3.9.11");
        assertThat(i.os()).isEqualTo("Linux");
        assertThat(i.distribution()).isEqualTo("kali");
        assertThat(i.isPenTestDistribution()).isTrue();
        assertThat(i.offensiveTool()).isNull();
        assertThat(i.family()).isEqualTo("aws-cli/linux/kali");
    }

    @Test
    void guardDutyPenTestDistributionsAreFoundInThePlatformPart() {
        // the three distributions of GuardDuty's PenTest:IAMUser/KaliLinux, ParrotLinux and PentooLinux findings
        assertThat(p.parse("Boto3/1.26.0 Python/3.11.2 Linux/6.1.0-kali5-amd64 Botocore/1.29.0").distribution())
                .isEqualTo("kali");
        assertThat(p.parse("aws-cli/1.27.0 Python/3.9.2 Linux/6.0.0-12parrot1-amd64 botocore/1.29.0").distribution())
                .isEqualTo("parrot");
        assertThat(p.parse("aws-cli/2.11.0 Python/3.11.2 Linux/6.1.12-pentoo exe/x86_64.pentoo prompt/off")
                .distribution()).isEqualTo("pentoo");
        assertThat(p.parse("aws-cli/2.15.0 md/awscrt#0.19.1 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.6"
                + " md/distrib#kali.2023 md/command#sts.get-caller-identity").family()).isEqualTo("aws-cli/linux/kali");
        assertThat(p.parse("aws-cli/1.29.0 Python/3.11.4+kali1 Linux/6.3.0 botocore/1.31.0").distribution())
                .isEqualTo("kali");
        // a word that merely contains the letters is not a distribution
        assertThat(p.parse("kalimba-sync/1.0 Python/3.11 Linux/6.1.0").distribution()).isNull();
        assertThat(p.parse("Boto3/1.26.0 Python/3.11.2 Linux/6.1.0-generic Botocore/1.29.0").distribution()).isNull();
    }

    @Test
    void awsCliV2CommandSuffixDoesNotChangeTheFamily() {
        UserAgentInfo a = p.parse("aws-cli/2.15.59 md/awscrt#0.19.19 ua/2.0 os/macos#22.6.0 md/arch#arm64"
                + " lang/python#3.11.11 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off"
                + " md/command#lambda.list-functions");
        UserAgentInfo b = p.parse("aws-cli/2.16.1 md/awscrt#0.19.19 ua/2.0 os/macos#23.1.0 md/arch#arm64"
                + " lang/python#3.11.11 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off"
                + " md/command#s3.ls");
        assertThat(a.family()).isEqualTo("aws-cli/macos").isEqualTo(b.family());
        assertThat(a.toolVersion()).isEqualTo("2.15.59");
        assertThat(a.languageVersion()).isEqualTo("3.11.11");
        // v1 on the same Mac (Darwin) is the same family: an upgrade is not a new agent
        assertThat(p.parse("aws-cli/1.18.39 Python/3.7.2 Darwin/19.4.0 botocore/1.15.24").family())
                .isEqualTo("aws-cli/macos");
        assertThat(p.parse("aws-cli/2.13.5 Python/3.11.4 Linux/4.14.255-314-253.539.amzn2.x86_64 exec-env/CloudShell"
                + " exe/x86_64.amzn.2 prompt/off command/ec2.start-instances").family()).isEqualTo("aws-cli/linux");
    }

    @Test
    void sdks() {
        UserAgentInfo boto = p.parse("Boto3/1.26.2 Python/3.10.8 Linux/4.14.294-220.533.amzn2.x86_64"
                + " exec-env/AWS_ECS_FARGATE Botocore/1.29.2");
        assertThat(boto.family()).isEqualTo("Boto3/linux");
        assertThat(boto.languageVersion()).isEqualTo("3.10.8");
        UserAgentInfo bo2 = p.parse("Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.5.0 md/arch#x86_64"
                + " lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.0");
        assertThat(bo2.family()).isEqualTo("Boto3/linux");
        UserAgentInfo go1 = p.parse("aws-sdk-go/1.44.157 (go1.19.3; darwin; arm64)");
        assertThat(go1.tool()).isEqualTo("aws-sdk-go");
        assertThat(go1.language()).isEqualTo("Go");
        assertThat(go1.languageVersion()).isEqualTo("1.19.3");
        assertThat(go1.family()).isEqualTo("aws-sdk-go/macos");
        UserAgentInfo go2 = p.parse("aws-sdk-go-v2/1.21.0 os/linux lang/go#1.21.1 md/GOOS#linux md/GOARCH#amd64"
                + " api/sts#1.22.0");
        assertThat(go2.family()).isEqualTo("aws-sdk-go-v2/linux");
        assertThat(go2.languageVersion()).isEqualTo("1.21.1");
        UserAgentInfo java1 = p.parse("aws-sdk-java/1.12.81 Linux/4.14.256-197.484.amzn2.x86_64"
                + " OpenJDK_64-Bit_Server_VM/25.312-b07 java/1.8.0_312 kotlin/1.3.72 vendor/Oracle_Corporation");
        assertThat(java1.language()).isEqualTo("Java");
        assertThat(java1.languageVersion()).isEqualTo("1.8.0_312");
        assertThat(java1.family()).isEqualTo("aws-sdk-java/linux");
        UserAgentInfo java2 = p.parse("aws-sdk-java/2.20.43 ua/2.0 os/Windows_11#10.0 lang/java#17.0.6"
                + " md/OpenJDK_64-Bit_Server_VM#17.0.6+10 md/vendor#Eclipse_Adoptium md/en_GB");
        assertThat(java2.family()).isEqualTo("aws-sdk-java/windows");
        assertThat(java2.languageVersion()).isEqualTo("17.0.6");
        UserAgentInfo js2 = p.parse("aws-sdk-nodejs/2.1354.0 linux/v18.15.0 exec-env/AWS_Lambda_nodejs18.x");
        assertThat(js2.language()).isEqualTo("Node.js");
        assertThat(js2.languageVersion()).isEqualTo("18.15.0");
        assertThat(js2.family()).isEqualTo("aws-sdk-nodejs/linux");
        UserAgentInfo js3 = p.parse("aws-sdk-js/3.300.0 ua/2.0 os/linux#5.10.0 lang/js md/nodejs#18.15.0"
                + " api/s3#3.300.0");
        assertThat(js3.family()).isEqualTo("aws-sdk-js/linux");
        assertThat(js3.language()).isEqualTo("Node.js");
        UserAgentInfo net = p.parse("aws-sdk-dotnet-coreclr/3.7.100.0 aws-sdk-dotnet-core/3.7.100.0"
                + " .NET_Core/6.0.0 OS/Microsoft_Windows_10.0.19044 ClientAsync");
        assertThat(net.language()).isEqualTo(".NET");
        assertThat(net.family()).isEqualTo("aws-sdk-dotnet-coreclr/windows");
        UserAgentInfo ruby = p.parse("aws-sdk-ruby3/3.171.0 ruby/3.1.2 x86_64-linux aws-sdk-s3/1.119.1");
        assertThat(ruby.family()).isEqualTo("aws-sdk-ruby3/linux");
        assertThat(ruby.languageVersion()).isEqualTo("3.1.2");
        UserAgentInfo php = p.parse("aws-sdk-php/3.258.0 OS/Linux/5.10.0 lang/php/8.1.0 GuzzleHttp/7");
        assertThat(php.family()).isEqualTo("aws-sdk-php/linux");
        assertThat(php.language()).isEqualTo("PHP");
        assertThat(php.languageVersion()).isEqualTo("8.1.0");
    }

    @Test
    void terraformIsTheToolWhateverSdkItWraps() {
        UserAgentInfo t = p.parse("APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io)"
                + " terraform-provider-aws/3.76.1 (+https://registry.terraform.io/providers/hashicorp/aws)"
                + " aws-sdk-go/1.44.157 (go1.19.3; darwin; arm64) HashiCorp-terraform-exec/0.17.3");
        assertThat(t.tool()).isEqualTo("terraform");
        assertThat(t.toolVersion()).isEqualTo("1.1.2");
        assertThat(t.family()).isEqualTo("terraform/macos");
        assertThat(p.parse("aws-sdk-go/1.29.7 (go1.13.7; darwin; amd64) APN/1.0 HashiCorp/1.0 Terraform/0.12.24"
                + " (+https://www.terraform.io)").family()).isEqualTo("terraform/macos");
    }

    @Test
    void consoleServicesAndAwsInternal() {
        assertThat(p.parse("console.amazonaws.com").family()).isEqualTo("console");
        assertThat(p.parse("signin.amazonaws.com").tool()).isEqualTo("console");
        assertThat(p.parse("[S3Console/0.4, aws-internal/3 aws-sdk-java/1.11.1030"
                + " Linux/5.4.156-94.273.amzn2int.x86_64 java/1.8.0_302]").family()).isEqualTo("console");
        assertThat(p.parse("AWS Console S3, aws-internal/3 aws-sdk-java/1.11.1030 Linux/5.4").family())
                .isEqualTo("console");
        assertThat(p.parse("cloudformation.amazonaws.com").family()).isEqualTo("cloudformation.amazonaws.com");
        assertThat(p.parse("AWS Internal").family()).isEqualTo("AWS Internal");
        UserAgentInfo chrome = p.parse("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"
                + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        assertThat(chrome.tool()).isEqualTo("Chrome");
        assertThat(chrome.toolVersion()).isEqualTo("131.0.0.0");
        assertThat(chrome.family()).isEqualTo("Chrome/macos");
        assertThat(p.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/89.0.4389.90 Safari/537.36 Edg/89.0.774.57").family()).isEqualTo("Edge/windows");
    }

    @Test
    void offensiveToolsAreNamedWithoutRunIdsOrVersions() {
        UserAgentInfo th = p.parse("TruffleHog");
        assertThat(th.offensiveTool()).isEqualTo("trufflehog");
        assertThat(th.family()).isEqualTo("trufflehog");
        assertThat(p.parse("trufflehog/3.63.0").family()).isEqualTo("trufflehog");
        assertThat(UserAgentParser.offensiveTool("trufflehog").orElseThrow().isHighSeverity()).isTrue();
        UserAgentInfo pacu = p.parse("Boto3/1.26.0 Python/3.11.2 Linux/6.1.0 Botocore/1.29.0 Pacu/1.5.0");
        assertThat(pacu.offensiveTool()).isEqualTo("pacu");
        assertThat(pacu.family()).isEqualTo("Boto3/linux/pacu");
        UserAgentInfo s = p.parse("stratus-red-team_8b255a24-d33d-4750-bd4b-4007124741df");
        assertThat(s.offensiveTool()).isEqualTo("stratus-red-team");
        assertThat(s.family()).isEqualTo("stratus-red-team");
        assertThat(p.parse("APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) aws-sdk-go/1.44.157"
                + " (go1.19.3; darwin; arm64) stratus-red-team_83c9a458-ffab-4d43-8b02-9691311e8c0a").offensiveTool())
                .isEqualTo("stratus-red-team");
        assertThat(UserAgentParser.offensiveTools()).extracting(UserAgentParser.OffensiveTool::name)
                .contains("trufflehog", "pacu", "stratus-red-team", "cloudfox", "enumerate-iam", "weirdaal");
        assertThat(UserAgentParser.offensiveTools()).allSatisfy(t -> assertThat(t.source()).isNotBlank());
        // dual-use audit tools are not offensive by default
        assertThat(p.parse("Boto3/1.28.0 Python/3.11 Linux/6.1 Botocore/1.31 prowler/3.0 APN_1826889").offensiveTool())
                .isNull();
        // a word that contains a tool's name is not that tool
        assertThat(p.parse("pacubot/1.0").offensiveTool()).isNull();
    }

    @Test
    void garbageNeverThrowsAndGivesATool() {
        for (String s : new String[] {null, "", "   ", "(", ")", "(((", "/", "//", "a/", "/b", "[", "[]", "[x]",
                "md/", "os/", "lang/", "lang/#", "\u0000\u001b[31m", "Mozilla/", "x".repeat(10_000),
                "aws-cli/ Python/ Linux/", "(go1", "(;;;)", "APN/1.0", "ua/2.0 os/"}) {
            UserAgentInfo i = p.parse(s);
            assertThat(i.tool()).as(String.valueOf(s)).isNotNull();
            assertThat(i.family()).as(String.valueOf(s)).isNotNull();
            assertThat(i.tool().length()).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void everyDistinctAgentInTheDatasetsParses() {
        TreeSet<String> agents = DatasetSamples.distinctValues("userAgent", "Request User Agent");
        assertThat(agents).hasSizeGreaterThan(100);
        int sdkOrCli = 0;
        for (String ua : agents) {
            UserAgentInfo i = p.parse(ua);
            assertThat(i.raw()).isEqualTo(ua);
            assertThat(i.family()).as(ua).isNotBlank().doesNotContain("md/command").doesNotContain("#");
            if (ua.startsWith("aws-cli/") || ua.startsWith("Boto3/") || ua.startsWith("aws-sdk-go")) {
                sdkOrCli++;
                assertThat(i.toolVersion()).as(ua).isNotNull();
                assertThat(i.language()).as(ua).isNotNull();
                assertThat(i.family()).as(ua).doesNotContainPattern("\\d+\\.\\d+");
            }
            if (ua.toLowerCase().contains("trufflehog")) {
                assertThat(i.offensiveTool()).as(ua).isEqualTo("trufflehog");
            }
            if (ua.contains("stratus-red-team")) {
                assertThat(i.offensiveTool()).as(ua).isEqualTo("stratus-red-team");
            }
            if (ua.endsWith(".amazonaws.com") && !ua.startsWith("console") && !ua.startsWith("signin")) {
                assertThat(i.family()).as(ua).isEqualTo(ua);
            }
        }
        assertThat(sdkOrCli).isGreaterThan(40);
    }
}
