import BurnwatchApp
import BurnwatchCore
import Foundation
import Testing

private let file = "/home/x/.config/burnwatch/config.toml"

/// The diagnostics `text` is rejected with, as printed.
private func problems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        _ = try BurnwatchConfig(parsing: text, fileName: file)
        Issue.record("expected the config to be rejected", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// The same, without the file name prefix: `7: unknown key ...`.
private func shortProblems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    problems(text, sourceLocation: sourceLocation).map { String($0.dropFirst(file.count + 1)) }
}

/// The sample from product.md, with the commented overrides filled in and a second AWS profile.
private let sample = """
    refresh = "60s"            # metrics cadence; inventory and cost have their own below
    inventory_every = "5m"
    cost_every = "4h"
    alarm_ratio = 1.5
    theme = "solarized-dark"

    [[aws]]                    # one table per account / profile
    profile = "ml-prod"
    regions = ["us-east-1", "eu-west-1"]
    cost_tag = "burnwatch:endpoint"

    [[aws]]
    profile = "localstack"
    endpoint_url = "http://127.0.0.1:4566"

    [[gcp]]
    project = "ml-prod-123"
    locations = ["us-central1", "europe-west4"]   # omitted: every location that has endpoints
    billing_export = "billing-proj.billing.gcp_billing_export_resource_v1_XXXXXX"
    billing_account = "012345-6789AB-CDEF01"      # for budgets
    [gcp.endpoints]            # overrides, for private endpoints, emulators, the simulator
    aiplatform = "https://{location}-aiplatform.googleapis.com"
    token = "http://127.0.0.1:9000/token"

    [[gcp]]
    project = "ml-dev-456"

    [[azure]]
    subscription = "00000000-0000-0000-0000-000000000000"
    workspaces = ["rg-ml/ws-prod"]
    tenant = "contoso.onmicrosoft.com"
    client_id = "11111111-2222-3333-4444-555555555555"
    client_secret = "s3cr3t~VALUE"
    [azure.endpoints]
    metrics = "https://{region}.metrics.monitor.azure.com"
    authority = "https://login.microsoftonline.com"

    [forecast]                 # monthly forecasts, by endpoint or account; money as strings
    "aws/ml-prod/llm-prod" = "1200.00 USD"
    "gcp/ml-prod-123" = "5000.00 USD"

    [prices]                   # overrides of the built-in price table, per hour or per unit
    "aws/ml.g5.2xlarge" = "1.515 USD/h"
    "aws/serverless-6gb" = "0.0000200 USD/GB-s"
    "azure/gpt-4o" = "0.005 USD/1k-tokens"
    """

@Suite struct ConfigHappyPathTests {
    @Test func sampleFromTheProductBrief() throws {
        let config = try BurnwatchConfig(parsing: sample, fileName: file)
        #expect(config.refresh == 60)
        #expect(config.inventoryEvery == 300)
        #expect(config.costEvery == 14_400)
        #expect(config.cadences == Cadences(metrics: 60, inventory: 300, cost: 14_400))
        #expect(config.alarmRatio == Decimal(string: "1.5"))
        #expect(config.theme == "solarized-dark")

        #expect(config.aws == [
            .init(profile: "ml-prod", regions: ["us-east-1", "eu-west-1"], costTag: "burnwatch:endpoint"),
            .init(profile: "localstack", endpointURL: "http://127.0.0.1:4566"),
        ])
        #expect(config.gcp.count == 2)
        #expect(config.gcp[0].project == "ml-prod-123")
        #expect(config.gcp[0].locations == ["us-central1", "europe-west4"])
        #expect(config.gcp[0].billingExport == "billing-proj.billing.gcp_billing_export_resource_v1_XXXXXX")
        #expect(config.gcp[0].billingAccount == "012345-6789AB-CDEF01")
        #expect(config.gcp[0].endpoints == .init(aiplatform: "https://{location}-aiplatform.googleapis.com", token: "http://127.0.0.1:9000/token"))
        #expect(config.gcp[1] == .init(project: "ml-dev-456"))

        let azure = try #require(config.azure.first)
        #expect(azure.subscription == "00000000-0000-0000-0000-000000000000")
        #expect(azure.workspaces == ["rg-ml/ws-prod"])
        #expect(azure.tenant == "contoso.onmicrosoft.com")
        #expect(azure.clientID == "11111111-2222-3333-4444-555555555555")
        #expect(azure.clientSecret?.reveal() == "s3cr3t~VALUE")
        #expect(azure.endpoints == .init(metrics: "https://{region}.metrics.monitor.azure.com", authority: "https://login.microsoftonline.com"))
        #expect(config.holdsSecret)

        let account = AccountID(cloud: .gcp, account: "ml-prod-123")
        #expect(config.forecast(for: account) == Money(5000, "USD"))
        let endpoint = EndpointID(account: "ml-prod", region: "us-east-1", service: .sageMakerRealtime, name: "llm-prod")
        #expect(config.forecast(for: endpoint) == Money(1200, "USD"))
        #expect(config.forecasts.count == 2)

        #expect(config.price(cloud: .aws, sku: "ml.g5.2xlarge") == PriceEntry(cloud: .aws, sku: "ml.g5.2xlarge", price: Money(Decimal(string: "1.515")!, "USD"), unit: .hour))
        #expect(config.price(cloud: .aws, sku: "serverless-6gb")?.unit == .gigabyteSecond)
        #expect(config.price(cloud: .aws, sku: "serverless-6gb")?.price.amount == Decimal(string: "0.00002"))
        #expect(config.price(cloud: .azure, sku: "gpt-4o")?.unit == .thousandTokens)
        #expect(config.price(cloud: .gcp, sku: "gpt-4o") == nil)
    }

    @Test func emptyFileGivesTheDefaults() throws {
        let config = try BurnwatchConfig(parsing: "# nothing yet\n", fileName: file)
        #expect(config == BurnwatchConfig())
        #expect(config.refresh == 60)
        #expect(config.inventoryEvery == 300)
        #expect(config.costEvery == 4 * 3600)
        #expect(config.alarmRatio == Decimal(string: "1.5"))
        #expect(config.theme == "default")
        #expect(!config.holdsSecret)
    }

    @Test func durationsAsIntegerSecondsAndRatiosReadExactly() throws {
        let config = try BurnwatchConfig(parsing: "refresh = 90\ncost_every = \"1h30m\"\nalarm_ratio = 1.1", fileName: file)
        #expect(config.refresh == 90)
        #expect(config.costEvery == 5400)
        // Exactly 1.1, not the binary float nearest to it.
        #expect(config.alarmRatio == Decimal(string: "1.1"))
        #expect(try BurnwatchConfig(parsing: "alarm_ratio = 2", fileName: file).alarmRatio == 2)
    }

    @Test func forecastTargetsReadBothShapes() {
        #expect(BurnwatchConfig.ForecastTarget(key: "azure/sub-1") == .account(AccountID(cloud: .azure, account: "sub-1")))
        #expect(BurnwatchConfig.ForecastTarget(key: "aws/123/ep/with/slash")
            == .endpoint(AccountID(cloud: .aws, account: "123"), name: "ep/with/slash"))
        #expect(BurnwatchConfig.ForecastTarget(key: "aws") == nil)
        #expect(BurnwatchConfig.ForecastTarget(key: "aws//x") == nil)
        #expect(BurnwatchConfig.ForecastTarget(key: "oci/x") == nil)
        #expect(BurnwatchConfig.ForecastTarget(key: "aws/1/x")?.key == "aws/1/x")
    }
}

@Suite struct ConfigErrorTests {
    @Test func unknownKeysAtEveryLevelWithSuggestions() {
        #expect(shortProblems("""
            refesh = "60s"
            [[aws]]
            profil = "x"
            [[gcp]]
            [gcp.endpoints]
            aiplatfrom = "https://x"
            [[azure]]
            clientsecret = "zzz"
            [[oci]]
            """) == [
            #"1: unknown key "refesh" (did you mean "refresh"?)"#,
            #"3: unknown key "aws[0].profil" (did you mean "profile"?)"#,
            #"6: unknown key "gcp[0].endpoints.aiplatfrom" (did you mean "aiplatform"?)"#,
            #"8: unknown key "azure[0].clientsecret" (did you mean "client_secret"?)"#,
            #"9: unknown key "oci""#,
        ])
    }

    @Test func wrongTypes() {
        #expect(shortProblems("""
            refresh = true
            theme = 3
            alarm_ratio = "1.5"
            [aws]
            profile = "x"
            [[gcp]]
            locations = "us-central1"
            endpoints = "https://x"
            """) == [
            #"1: key "refresh": expected a duration such as "60s" or "5m", found a boolean"#,
            #"2: key "theme": expected a string, found an integer"#,
            #"3: key "alarm_ratio": expected a number, found a string"#,
            #"4: key "aws": expected an array of tables ([[aws]]), found a table"#,
            #"7: key "gcp[0].locations": expected an array, found a string"#,
            #"8: key "gcp[0].endpoints": expected a table, found a string"#,
        ])
    }

    @Test func badMoney() {
        #expect(shortProblems("""
            [forecast]
            "aws/a" = "12,00 USD"
            "aws/b" = 1200.00
            "aws/c" = "1200"
            "aws/d" = "-5.00 USD"
            "aws/e" = "1200 usd"
            """) == [
            #"2: key "forecast.'aws/a'": "12,00 USD" is not an amount of money (write it like "1200.00 USD")"#,
            #"3: key "forecast.'aws/b'": expected a string such as "1200.00 USD", found a float"#,
            #"4: key "forecast.'aws/c'": "1200" is not an amount of money (write it like "1200.00 USD")"#,
            #"5: key "forecast.'aws/d'": a forecast cannot be negative"#,
            #"6: key "forecast.'aws/e'": "1200 usd" is not an amount of money (write it like "1200.00 USD")"#,
        ])
    }

    @Test func badForecastAndPriceKeysAndPrices() {
        #expect(shortProblems("""
            [forecast]
            "oci/x" = "1.00 USD"
            aws = "1.00 USD"
            [prices]
            "aws/ml.g5.xlarge" = "1.0 USD/day"
            "aws/x" = "1.0 USD"
            "ml.g5.xlarge" = "1.0 USD/h"
            "gcp/" = "1.0 USD/h"
            """) == [
            #"2: key "forecast.'oci/x'": "oci" is not a cloud (aws, gcp, azure)"#,
            #"3: key "forecast.aws": expected a key of the form "cloud/account" or "cloud/account/endpoint""#,
            #"5: key "prices.'aws/ml.g5.xlarge'": "1.0 USD/day" is not a price (write an amount, a currency and a unit: "1.515 USD/h"; units: "/h", "/GB-s", "/1k-tokens")"#,
            #"6: key "prices.'aws/x'": "1.0 USD" is not a price (write an amount, a currency and a unit: "1.515 USD/h"; units: "/h", "/GB-s", "/1k-tokens")"#,
            #"7: key "prices.'ml.g5.xlarge'": expected a key of the form "cloud/sku" such as "aws/ml.g5.2xlarge""#,
            #"8: key "prices.'gcp/'": expected a key of the form "cloud/sku" such as "aws/ml.g5.2xlarge""#,
        ])
    }

    @Test func badDurationsAndRatios() {
        #expect(shortProblems("""
            refresh = "5x"
            inventory_every = "30s"
            cost_every = "1m1h"
            alarm_ratio = 150
            """) == [
            #"1: key "refresh": "5x" is not a duration (write "60s", "5m", "4h" or "1h30m")"#,
            #"2: key "inventory_every": 30s is too short: at least 1m, because endpoints change slowly and every listing is an API call"#,
            #"3: key "cost_every": "1m1h" is not a duration (write "60s", "5m", "4h" or "1h30m")"#,
            #"4: key "alarm_ratio": 150 is out of range (1 to 10: a ratio of expected spend, 1.5 means 150 %)"#,
        ])
        #expect(shortProblems("refresh = 5") == [
            #"1: key "refresh": 5s is too short: at least 10s, because the clouds publish metrics once a minute"#,
        ])
        #expect(shortProblems("alarm_ratio = 0.9").count == 1)
        #expect(shortProblems("alarm_ratio = nan") == [#"1: key "alarm_ratio": expected a finite number"#])
        #expect(shortProblems("cost_every = \"30m\"").count == 1)
    }

    @Test func badIdentifiersAndURLs() {
        #expect(shortProblems("""
            theme = "../../etc/passwd"
            [[aws]]
            profile = ""
            regions = []
            endpoint_url = "ftp://host"
            [[gcp]]
            locations = ["us central1"]
            billing_export = "just-a-table"
            billing_account = "0123456789"
            [gcp.endpoints]
            monitoring = "https://{location}.example.com"
            [[azure]]
            subscription = "my-sub"
            workspaces = ["ws-prod"]
            client_id = "x"
            [azure.endpoints]
            arm = "https://user:pa55word@example.com"
            """) == [
            #"1: key "theme": "../../etc/passwd" is not a theme name (letters, digits, '-', '_' and '.'; the name of a file in a themes directory, without .toml)"#,
            #"3: key "aws[0].profile": must not be empty (leave the key out instead)"#,
            #"4: key "aws[0].regions": must not be empty (leave the key out to use the default)"#,
            #"5: key "aws[0].endpoint_url": expected an http:// or https:// URL"#,
            #"7: key "gcp[0].locations[0]": "us central1" is not a location such as "us-central1""#,
            #"8: key "gcp[0].billing_export": "just-a-table" is not a BigQuery table (write "project.dataset.table")"#,
            #"9: key "gcp[0].billing_account": "0123456789" is not a billing account id (such as "012345-6789AB-CDEF01")"#,
            #"11: key "gcp[0].endpoints.monitoring": "{location}" is not a placeholder here (this URL takes none)"#,
            #"13: key "azure[0].subscription": "my-sub" is not a subscription id (a GUID such as "00000000-0000-0000-0000-000000000000")"#,
            #"14: key "azure[0].workspaces[0]": "ws-prod" is not "resource-group/workspace""#,
            #"15: key "azure[0].client_id": "x" is not an application (client) id (a GUID such as "00000000-0000-0000-0000-000000000000")"#,
            #"17: key "azure[0].endpoints.arm": a URL must not carry a user name or password"#,
        ])
    }

    @Test func syntaxErrorsNameFileLineAndColumn() {
        #expect(problems("refresh = \"60s\"\nalarm_ratio = 1.5.0\n") == ["\(file):2:15: invalid number"])
    }

    @Test func controlCharactersAreRejected() {
        #expect(shortProblems(#"[[aws]]"# + "\n" + #"profile = "prod\u001b[2J""#) == [
            #"2: key "aws[0].profile": must not contain control characters"#,
        ])
    }
}

@Suite struct ConfigSecretTests {
    private let secret = "hunter2-Sup3rS3cret"

    private func azure(_ secretLine: String, extra: String = "tenant = \"t\"\nclient_id = \"11111111-2222-3333-4444-555555555555\"") -> String {
        "[[azure]]\n\(extra)\n\(secretLine)\n"
    }

    @Test func badSecretValuesNeverAppearInMessages() {
        let cases = [
            azure("client_secret = 12345678901"),
            azure("client_secret = [\"\(secret)\"]"),
            azure("client_secret = \"\(secret)\\u0007\""),
            azure("client_secret = \"\(secret)", extra: ""),
            azure("client_secret = \"\(secret)\\q\""),
            azure("client_secret = \(secret)"),
            azure("client_secret = \"\(secret)\"", extra: ""),
            azure("client_secret = \"\(secret)\" trailing"),
        ]
        for text in cases {
            let messages = problems(text).joined(separator: "\n")
            #expect(!messages.isEmpty)
            #expect(!messages.contains("hunter2"), "\(messages)")
            #expect(!messages.contains("S3cret"), "\(messages)")
            #expect(!messages.contains("12345678901"), "\(messages)")
        }
    }

    @Test func secretWithoutItsIdentityIsAnError() {
        #expect(shortProblems(azure("client_secret = \"\(secret)\"", extra: "client_id = \"11111111-2222-3333-4444-555555555555\"")) == [
            #"3: key "azure[0].client_secret": a client secret needs tenant in the same [[azure]] table"#,
        ])
    }

    @Test func secretIsRedactedWhenPrintedOrDumped() throws {
        let config = try BurnwatchConfig(parsing: azure("client_secret = \"\(secret)\""), fileName: file)
        var dumped = ""
        dump(config, to: &dumped)
        for text in [String(describing: config), String(reflecting: config), "\(config.azure)", dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(String(describing: config.azure[0].clientSecret!) == "<redacted>")
        #expect(config.azure[0].clientSecret?.reveal() == secret)
    }
}
