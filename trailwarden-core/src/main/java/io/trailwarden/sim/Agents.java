package io.trailwarden.sim;

import java.util.Locale;

/** Real-looking user agents of the AWS CLI, SDKs, browsers and tools. */
final class Agents {
    static final String[] BROWSERS = {
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:131.0) Gecko/20100101 Firefox/131.0",
    };

    static final String KALI_CLI = "aws-cli/1.22.34 Python/3.9.11 Linux/5.15.0-kali3-amd64 botocore/1.27.84";
    static final String KALI_BOTO3 = "Boto3/1.24.84 Python/3.9.11 Linux/5.15.0-kali3-amd64 Botocore/1.27.84";
    static final String TRUFFLEHOG = "TruffleHog";
    static final String BOT_BOTO3 = "Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.15.0-113-generic "
            + "md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.144";
    static final String WINDOWS_CLI_V2 = cliV2("2.15.30", "windows#10", "amd64", "exe", null, "s3.ls");

    private Agents() {
    }

    /** aws-cli v2 on an OS ({@code macos}, {@code windows}, {@code linux}), for one command. */
    static String cli(String os, String version, Api api) {
        String command = command(api);
        return switch (os) {
            case "macos" -> cliV2(version, "macos#23.6.0", "arm64", "source", null, command);
            case "windows" -> cliV2(version, "windows#10", "amd64", "exe", null, command);
            default -> cliV2(version, "linux#6.8.0-45-generic", "x86_64", "exe", "ubuntu.24", command);
        };
    }

    static String cliV2(String version, String os, String arch, String installer, String distrib, String command) {
        return "aws-cli/" + version + " md/awscrt#0.21.2 ua/2.0 os/" + os + " md/arch#" + arch
                + " lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#" + installer
                + (distrib != null ? " md/distrib#" + distrib : "") + " md/prompt#off md/command#" + command;
    }

    static String browser(String os) {
        return switch (os) {
            case "macos" -> BROWSERS[0];
            case "windows" -> BROWSERS[1];
            default -> BROWSERS[2];
        };
    }

    /** The aws-cli command for an API, e.g. {@code ec2.describe-instances}, {@code s3.ls}. */
    static String command(Api api) {
        String svc = api.prefix;
        if (svc.equals("s3")) {
            return switch (api.name) {
                case "ListBuckets", "ListObjects" -> "s3.ls";
                case "GetObject" -> "s3.cp";
                default -> "s3api." + kebab(api.action);
            };
        }
        if (svc.equals("ses")) {
            svc = api.name.equals("GetAccount") || api.name.equals("ListEmailIdentities") ? "sesv2" : "ses";
        }
        if (svc.equals("logs") || svc.equals("monitoring")) {
            svc = svc.equals("monitoring") ? "cloudwatch" : "logs";
        }
        return svc + "." + kebab(api.action);
    }

    static String kebab(String s) {
        StringBuilder b = new StringBuilder(s.length() + 6);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(s.charAt(i - 1))
                    || (i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1))))) {
                b.append('-');
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    static String boto3(String kernel) {
        return "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#" + kernel + " md/arch#x86_64 lang/python#3.11.10 "
                + "md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36";
    }

    static String javaSdk() {
        return "aws-sdk-java/2.28.16 Linux/5.10.225-213.878.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.12+7-LTS "
                + "Java/17.0.12 vendor/Amazon.com_Inc. md/io#sync md/http#Apache ua/2.1 cfg/retry-mode#legacy";
    }

    static String goSdk(String api) {
        return "aws-sdk-go-v2/1.30.5 ua/2.1 os/linux lang/go#1.22.7 md/GOOS#linux md/GOARCH#amd64 api/" + api
                + "#1.61.2";
    }

    static String nodeSdk(String api) {
        return "aws-sdk-js/3.658.1 ua/2.1 os/linux#5.10.226-235.879.amzn2.x86_64 lang/js md/nodejs#20.17.0 api/"
                + api + "#3.658.1";
    }

    static String ssmAgent() {
        return "aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) amazon-ssm-agent/3.3.1142.0";
    }

    static String lambdaBoto3() {
        return "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.226-235.879.amzn2.x86_64 md/arch#x86_64 "
                + "lang/python#3.12.6 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy "
                + "Botocore/1.34.145";
    }

    static String githubAction() {
        return "aws-sdk-js/3.658.1 ua/2.1 os/linux#6.5.0-1025-azure lang/js md/nodejs#20.17.0 api/sts#3.658.1 "
                + "configure-aws-credentials-for-github-actions";
    }

    static String terraform(String api) {
        return "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.68.0 "
                + "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.5 ua/2.1 os/linux "
                + "lang/go#1.22.6 md/GOOS#linux md/GOARCH#amd64 api/" + api + "#1.177.3";
    }
}
